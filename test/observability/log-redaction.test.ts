import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import pino from 'pino'
import { loggedUrl, loggerOptions } from '../../src/observability/logger.js'
import { LogCapture } from '../support/http.js'

describe('log redaction: the second wall behind never logging secrets', () => {
  it('removes credentials, tokens, keys and content wherever the logger is handed them', () => {
    const capture = new LogCapture()
    const { stream: _stream, ...options } = loggerOptions('debug')
    const log = pino(options, capture)
    const secrets = {
      bearer: 'cf_canaryBearer000000000000000000000000000000000000',
      cookie: 'session=canary-cookie',
      token: 'cf_canaryToken0000000000000000000000000000000000000',
      content: 'canary decrypted content',
      metadata: 'canary metadata',
      masterKey: 'canary-master-key',
      body: 'canary request body',
    }
    log.info(
      { req: { headers: { authorization: `Bearer ${secrets.bearer}`, cookie: secrets.cookie } } },
      'request',
    )
    log.info({ token: secrets.token, content: secrets.content, metadata: secrets.metadata }, 'top level')
    log.info(
      { record: { content: secrets.content, metadata: secrets.metadata }, issued: { token: secrets.token } },
      'nested',
    )
    log.info(
      { config: { masterKey: secrets.masterKey }, masterKey: secrets.masterKey, body: secrets.body },
      'config',
    )
    const text = capture.text()
    assert.equal(capture.lines.length, 4)
    for (const [name, value] of Object.entries(secrets)) assert.equal(text.includes(value), false, name)
    assert.ok(text.includes('[REDACTED]'))
  })
})

describe('request URLs in logs', () => {
  it('keep the path and the query parameter names, never their values', () => {
    assert.equal(loggedUrl('/v1/records/abc'), '/v1/records/abc')
    assert.equal(
      loggedUrl('/v1/records?entity=Ada%20Lovelace&limit=5&flag'),
      '/v1/records?entity=[REDACTED]&limit=[REDACTED]&flag=[REDACTED]',
    )
    assert.equal(loggedUrl('/v1/export?'), '/v1/export?')
  })
})
