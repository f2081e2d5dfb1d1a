// Stops: a server started without socket time limits (a body that never arrives holds a socket
// for ever), and a bad limit accepted silently or named by its value.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadConfig } from '../../src/config/config.js'
import { isCofferError } from '../../src/errors.js'

const VARIABLES = ['COFFER_REQUEST_TIMEOUT_MS', 'COFFER_HEADERS_TIMEOUT_MS', 'COFFER_KEEP_ALIVE_TIMEOUT_MS']

function refused(name: string) {
  return (error: unknown) => isCofferError(error, 'CONFIG_INVALID') && error.message.includes(name)
}

describe('HTTP time limits from the environment', () => {
  it('default to 30 s per request, 10 s for headers, 65 s for an idle kept-alive socket', () => {
    assert.deepEqual(loadConfig({}).httpTimeouts, {
      requestMs: 30_000,
      headersMs: 10_000,
      keepAliveMs: 65_000,
    })
  })

  it('are read from their variables', () => {
    const config = loadConfig({
      COFFER_REQUEST_TIMEOUT_MS: '5000',
      COFFER_HEADERS_TIMEOUT_MS: '2000',
      COFFER_KEEP_ALIVE_TIMEOUT_MS: '1000',
    })
    assert.deepEqual(config.httpTimeouts, { requestMs: 5_000, headersMs: 2_000, keepAliveMs: 1_000 })
  })

  for (const name of VARIABLES) {
    for (const value of ['0', '-1', 'soon', '1.5']) {
      it(`${name}=${value} is CONFIG_INVALID naming the variable`, () => {
        assert.throws(() => loadConfig({ [name]: value }), refused(name))
      })
    }
  }

  it('a headers limit longer than the request limit is CONFIG_INVALID (Node requires headers <= request)', () => {
    assert.throws(
      () => loadConfig({ COFFER_REQUEST_TIMEOUT_MS: '1000', COFFER_HEADERS_TIMEOUT_MS: '2000' }),
      refused('COFFER_HEADERS_TIMEOUT_MS'),
    )
  })
})
