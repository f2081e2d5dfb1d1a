// Stops: a server starting on a plan table it misread (a typo'd field ignored, a negative or
// fractional limit taken, a file that is not JSON), and an error that prints the table's values
// instead of naming COFFER_PLANS.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { DEFAULT_PLANS } from '../../src/auth/scopes.js'
import { loadConfig } from '../../src/config/config.js'
import { isCofferError } from '../../src/errors.js'
import { readPlanTable } from '../../src/operator/plans.js'

const dir = mkdtempSync(join(tmpdir(), 'coffer-plans-'))

/** Asserts CONFIG_INVALID naming COFFER_PLANS (and `mentions`), and none of `hidden`. */
function refused(value: string, mentions: string[] = [], hidden: string[] = []) {
  for (const read of [() => readPlanTable(value), () => loadConfig({ COFFER_PLANS: value })]) {
    assert.throws(read, (error) => {
      assert.ok(isCofferError(error, 'CONFIG_INVALID'), String(error))
      assert.match(error.message, /COFFER_PLANS/)
      for (const text of mentions) assert.ok(error.message.includes(text), `${error.message} names ${text}`)
      for (const text of hidden) assert.ok(!error.message.includes(text), `${error.message} shows ${text}`)
      return true
    })
  }
}

describe('COFFER_PLANS validation', () => {
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('unset or empty: the default plans', () => {
    assert.equal(readPlanTable(undefined), DEFAULT_PLANS)
    assert.equal(readPlanTable('  '), DEFAULT_PLANS)
    assert.deepEqual(loadConfig({}).plans, DEFAULT_PLANS)
  })

  it('a valid table, inline or as a file, in its order (the first is the default)', () => {
    const text = JSON.stringify({
      team: { rate_limit_per_minute: 120, records: 1000, max_tokens: 5 },
      solo: { rate_limit_per_minute: 30, storage_bytes: 1_000_000, max_webhook_endpoints: 1 },
    })
    const expected = {
      team: { rateLimitPerMinute: 120, records: 1000, maxTokens: 5 },
      solo: { rateLimitPerMinute: 30, storageBytes: 1_000_000, maxWebhookEndpoints: 1 },
    }
    assert.deepEqual(readPlanTable(text), expected)
    const file = join(dir, 'plans.json')
    writeFileSync(file, text)
    assert.deepEqual(readPlanTable(file), expected)
    assert.deepEqual(Object.keys(loadConfig({ COFFER_PLANS: file }).plans), ['team', 'solo'])
  })

  it('bad JSON, inline or in a file, and a file that cannot be read', () => {
    refused('{"free": {"rate_limit_per_minute": 60,}', ['not valid JSON'], ['rate_limit_per_minute'])
    const file = join(dir, 'broken.json')
    writeFileSync(file, 'free: 60')
    refused(file, ['not valid JSON'], ['free: 60'])
    refused(join(dir, 'missing.json'), ['cannot be read'])
  })

  it('a table that is not an object of plans, or names none', () => {
    refused('{}', ['at least one plan'])
    const arrayFile = join(dir, 'array.json')
    writeFileSync(arrayFile, '[{"rate_limit_per_minute": 60}]')
    refused(arrayFile, ['JSON object'])
    refused('{"free": 60}', ['plan free'])
    refused('{"free": null}', ['plan free'])
  })

  it('unknown fields are refused, naming plan and field, never a value', () => {
    refused('{"free": {"rate_limit_per_minute": 60, "rate_limit_per_minut": 61}}', ['plan free'], ['61'])
    refused('{"free": {"rate_limit_per_minute": 60, "secret_sauce": "abc123"}}', ['plan free'], ['abc123'])
  })

  it('negative, zero, fractional, huge or missing limits are refused, naming the field', () => {
    for (const [body, field] of [
      ['{"rate_limit_per_minute": -5}', 'rate_limit_per_minute'],
      ['{"rate_limit_per_minute": 0}', 'rate_limit_per_minute'],
      ['{"rate_limit_per_minute": 1.5}', 'rate_limit_per_minute'],
      ['{"rate_limit_per_minute": "60"}', 'rate_limit_per_minute'],
      ['{"rate_limit_per_minute": 1e300}', 'rate_limit_per_minute'],
      ['{}', 'rate_limit_per_minute'],
      ['{"rate_limit_per_minute": 60, "records": -1}', 'records'],
      ['{"rate_limit_per_minute": 60, "storage_bytes": -1024}', 'storage_bytes'],
      ['{"rate_limit_per_minute": 60, "max_tokens": 0}', 'max_tokens'],
      ['{"rate_limit_per_minute": 60, "max_webhook_endpoints": 2.5}', 'max_webhook_endpoints'],
    ] as const) {
      refused(`{"pro": ${body}}`, ['plan pro', field], ['-1024', '2.5'])
    }
  })

  it('plan names outside the column pattern are refused', () => {
    for (const name of ['Pro', '', '-pro', 'pro plan', 'x'.repeat(64)]) {
      refused(JSON.stringify({ [name]: { rate_limit_per_minute: 60 } }), ['plan name'])
    }
  })
})
