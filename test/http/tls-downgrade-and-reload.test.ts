import assert from 'node:assert/strict'
import { randomBytes, X509Certificate } from 'node:crypto'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpsRequest } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type ConnectionOptions, connect, type TLSSocket } from 'node:tls'
import { isCofferError } from '../../src/errors.js'
import { readTlsOptions } from '../../src/http/tls-options.js'
import { type RunningServer, startServer } from '../../src/server.js'
import { LogCapture } from '../support/http.js'
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates.js'

/** A TLS handshake with `options`; resolves with the socket (closed by the caller) or rejects. */
function handshake(port: number, options: ConnectionOptions): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ...options }, () =>
      resolve(socket),
    )
    socket.once('error', reject)
  })
}

/** GET over HTTPS with the test CA; answers status, headers and the server certificate's serial. */
function get(
  url: string,
  options: { ca: Buffer; cert?: Buffer; key?: Buffer; agent?: false },
): Promise<{ status: number; headers: Record<string, unknown>; serial: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ...options, servername: 'localhost', agent: false }, (response) => {
      const serial = (response.socket as TLSSocket).getPeerX509Certificate()?.serialNumber ?? ''
      response.resume()
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, serial }),
      )
    })
    req.once('error', reject)
    req.end()
  })
}

const serialOf = (file: string) => new X509Certificate(readFileSync(file)).serialNumber

describe('the API over TLS: TLS 1.2 at least, HSTS only over TLS, certificate reload on SIGHUP', () => {
  let certs: TestCertificates
  let live: { cert: string; key: string }
  let dataDir: string
  let server: RunningServer
  let plain: RunningServer
  const logs = new LogCapture()

  before(async () => {
    certs = makeTestCertificates()
    // The server reads copies, so the test can replace them for the reload.
    live = { cert: join(certs.dir, 'live.pem'), key: join(certs.dir, 'live.key') }
    copyFileSync(certs.serverCert, live.cert)
    copyFileSync(certs.serverKey, live.key)
    dataDir = mkdtempSync(join(tmpdir(), 'coffer-tls-'))
    const keys = {
      COFFER_MASTER_KEY: randomBytes(32).toString('base64'),
      COFFER_TOKEN_SECRET: randomBytes(32).toString('base64'),
      COFFER_LISTEN: '127.0.0.1:0',
      COFFER_METRICS_LISTEN: 'off',
      COFFER_LOG_LEVEL: 'info',
    }
    server = await startServer({
      env: {
        ...keys,
        COFFER_DATA_DIR: join(dataDir, 'tls'),
        COFFER_TLS_CERT_FILE: live.cert,
        COFFER_TLS_KEY_FILE: live.key,
      },
      out: () => undefined,
      logStream: logs,
    })
    plain = await startServer({
      env: { ...keys, COFFER_DATA_DIR: join(dataDir, 'plain'), COFFER_TRUST_PROXY: '127.0.0.1' },
      out: () => undefined,
    })
  })
  after(async () => {
    await server?.close()
    await plain?.close()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(certs.dir, { recursive: true, force: true })
  })

  const port = () => Number(new URL(server.url).port)
  const ca = () => readFileSync(certs.caCert)

  it('listens on https and refuses TLS 1.0 and 1.1; TLS 1.2 and 1.3 handshake', async () => {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/)
    for (const version of ['TLSv1', 'TLSv1.1'] as const) {
      await assert.rejects(
        handshake(port(), { ca: ca(), minVersion: version, maxVersion: version }),
        (error: NodeJS.ErrnoException) =>
          /ERR_SSL|alert|version|EPROTO|ECONNRESET/i.test(`${error.code} ${error.message}`),
        version,
      )
    }
    for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
      const socket = await handshake(port(), { ca: ca(), minVersion: version, maxVersion: version })
      assert.equal(socket.getProtocol(), version)
      if (version === 'TLSv1.2')
        assert.match(socket.getCipher().name, /^ECDHE-(ECDSA|RSA)-(AES\d+-GCM|CHACHA20-POLY1305)/)
      socket.end()
    }
  })

  it('refuses a TLS 1.2 client that offers only CBC or non-forward-secret suites', async () => {
    await assert.rejects(
      handshake(port(), {
        ca: ca(),
        maxVersion: 'TLSv1.2',
        ciphers: 'AES128-SHA:AES256-SHA:ECDHE-ECDSA-AES128-SHA',
      }),
      (error: NodeJS.ErrnoException) =>
        /handshake|alert|cipher|EPROTO|ECONNRESET/i.test(`${error.code} ${error.message}`),
    )
  })

  it('sends HSTS over TLS, not over plain HTTP, and over plain HTTP only for a trusted proxy saying https', async () => {
    const overTls = await get(`${server.url}/health/live`, { ca: ca() })
    assert.equal(overTls.status, 200)
    assert.equal(overTls.headers['strict-transport-security'], 'max-age=63072000; includeSubDomains')
    const overPlain = await fetch(`${plain.url}/health/live`)
    assert.equal(overPlain.status, 200)
    assert.equal(overPlain.headers.get('strict-transport-security'), null)
    assert.equal(overPlain.headers.get('x-frame-options'), 'DENY', 'the other headers stay')
    const viaProxy = await fetch(`${plain.url}/health/live`, { headers: { 'x-forwarded-proto': 'https' } })
    assert.equal(viaProxy.headers.get('strict-transport-security'), 'max-age=63072000; includeSubDomains')
  })

  it('reloads the certificate on SIGHUP for new handshakes; a bad file keeps the old one', async () => {
    const before = await get(`${server.url}/health/live`, { ca: ca() })
    assert.equal(before.serial, serialOf(certs.serverCert))
    const next = makeTestCertificates('coffer-next')
    try {
      // A broken file first: the reload fails, logs, and the old certificate keeps serving.
      writeFileSync(live.cert, 'not a certificate')
      process.kill(process.pid, 'SIGHUP')
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.equal((await get(`${server.url}/health/live`, { ca: ca() })).serial, serialOf(certs.serverCert))
      assert.match(logs.text(), /TLS certificate reload failed/)
      assert.equal(logs.text().includes('not a certificate'), false, 'the file content is not logged')

      copyFileSync(next.serverCert, live.cert)
      copyFileSync(next.serverKey, live.key)
      process.kill(process.pid, 'SIGHUP')
      await new Promise((resolve) => setTimeout(resolve, 100))
      const after = await get(`${server.url}/health/live`, { ca: readFileSync(next.caCert) })
      assert.equal(after.status, 200)
      assert.equal(after.serial, serialOf(next.serverCert))
    } finally {
      rmSync(next.dir, { recursive: true, force: true })
    }
  })

  it('with COFFER_TLS_CA_FILE, refuses a client without a certificate the CA signed', async () => {
    const options = readTlsOptions({
      certFile: certs.serverCert,
      keyFile: certs.serverKey,
      caFile: certs.caCert,
    })
    assert.equal(options.requestCert, true)
    assert.equal(options.rejectUnauthorized, true)
    const { createServer } = await import('node:https')
    const mtls = createServer(options, (_request, response) => response.end('ok'))
    await new Promise<void>((resolve) => mtls.listen(0, '127.0.0.1', resolve))
    try {
      const url = `https://127.0.0.1:${(mtls.address() as { port: number }).port}/`
      await assert.rejects(get(url, { ca: ca() }))
      const withCert = await get(url, {
        ca: ca(),
        cert: readFileSync(certs.clientCert),
        key: readFileSync(certs.clientKey),
      })
      assert.equal(withCert.status, 200)
    } finally {
      await new Promise((resolve) => mtls.close(resolve))
    }
  })

  it('a missing or mismatched file is CONFIG_INVALID naming the variable, never the content', () => {
    assert.throws(
      () =>
        readTlsOptions({
          certFile: join(certs.dir, 'nope.pem'),
          keyFile: certs.serverKey,
          caFile: undefined,
        }),
      (error) => isCofferError(error, 'CONFIG_INVALID') && /COFFER_TLS_CERT_FILE/.test(error.message),
    )
    const other = makeTestCertificates('coffer-other')
    try {
      assert.throws(
        () => readTlsOptions({ certFile: certs.serverCert, keyFile: other.serverKey, caFile: undefined }),
        (error) => isCofferError(error, 'CONFIG_INVALID') && !error.message.includes('BEGIN'),
      )
    } finally {
      rmSync(other.dir, { recursive: true, force: true })
    }
  })
})
