import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** PEM files of a test CA and what it signed, in a temp dir of their own. */
export interface TestCertificates {
  dir: string
  caCert: string
  /** A server certificate for `localhost` and 127.0.0.1, and its key. */
  serverCert: string
  serverKey: string
  /** A client certificate (mutual TLS), and its key. */
  clientCert: string
  clientKey: string
}

function openssl(args: string[], cwd: string): void {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8' })
  if (result.error) throw new Error(`openssl: ${result.error.message} (install openssl)`)
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`)
}

/**
 * Makes a fresh CA (EC P-256) and a server and a client certificate it signs, valid 30 days, with
 * the server's subjectAltName for `localhost` and 127.0.0.1. `name` tells two sets apart.
 */
export function makeTestCertificates(name = 'coffer-test'): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), `${name}-tls-`))
  const key = (file: string) =>
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', file], dir)
  key('ca.key')
  openssl(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      'ca.key',
      '-sha256',
      '-days',
      '30',
      '-subj',
      `/CN=${name} CA`,
      '-out',
      'ca.pem',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  )
  const sign = (base: string, subject: string, extensions: string) => {
    key(`${base}.key`)
    openssl(['req', '-new', '-key', `${base}.key`, '-subj', subject, '-out', `${base}.csr`], dir)
    writeFileSync(join(dir, `${base}.ext`), extensions)
    openssl(
      [
        'x509',
        '-req',
        '-in',
        `${base}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-days',
        '30',
        '-sha256',
        '-extfile',
        `${base}.ext`,
        '-out',
        `${base}.pem`,
      ],
      dir,
    )
  }
  sign(
    'server',
    '/CN=localhost',
    [
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
    ].join('\n'),
  )
  sign(
    'client',
    '/CN=coffer-test-client',
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=clientAuth',
    ].join('\n'),
  )
  return {
    dir,
    caCert: join(dir, 'ca.pem'),
    serverCert: join(dir, 'server.pem'),
    serverKey: join(dir, 'server.key'),
    clientCert: join(dir, 'client.pem'),
    clientKey: join(dir, 'client.key'),
  }
}
