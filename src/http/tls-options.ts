import { readFileSync } from 'node:fs'
import { createSecureContext, type SecureContextOptions } from 'node:tls'
import { CofferError } from '../errors.js'

/** Where the server's certificate, key and (optionally) client CA are read from. */
export interface TlsFiles {
  certFile: string
  keyFile: string
  /** With a CA file, clients must present a certificate it signed (mutual TLS). */
  caFile: string | undefined
}

/**
 * TLS 1.2 cipher suites: ECDHE with AEAD only (forward secrecy, no CBC, no RSA key exchange).
 * TLS 1.3 suites are OpenSSL's defaults (all AEAD).
 */
export const TLS12_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':')

/** The server's TLS settings: the files' contents, TLS 1.2 at least, the cipher list above. */
export type ServerTlsOptions = SecureContextOptions & { requestCert: boolean; rejectUnauthorized: boolean }

/**
 * Reads the certificate files and proves they make a usable context (the key matches the
 * certificate), so a bad file stops the start or a reload instead of the first handshake.
 * @throws CONFIG_INVALID naming the variable whose file is unreadable or invalid, never its content
 */
export function readTlsOptions(files: TlsFiles): ServerTlsOptions {
  const read = (variable: string, path: string) => {
    try {
      return readFileSync(path)
    } catch (cause) {
      throw new CofferError('CONFIG_INVALID', `${variable}: cannot read the file`, { cause })
    }
  }
  const ca = files.caFile === undefined ? undefined : read('COFFER_TLS_CA_FILE', files.caFile)
  const options: ServerTlsOptions = {
    cert: read('COFFER_TLS_CERT_FILE', files.certFile),
    key: read('COFFER_TLS_KEY_FILE', files.keyFile),
    ...(ca ? { ca } : {}),
    minVersion: 'TLSv1.2',
    ciphers: TLS12_CIPHERS,
    honorCipherOrder: true,
    requestCert: ca !== undefined,
    rejectUnauthorized: ca !== undefined,
  }
  try {
    createSecureContext(options)
  } catch (cause) {
    throw new CofferError(
      'CONFIG_INVALID',
      'COFFER_TLS_CERT_FILE / COFFER_TLS_KEY_FILE: not a PEM certificate and its matching private key',
      { cause },
    )
  }
  return options
}
