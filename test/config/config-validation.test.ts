// Stops: a server starting on a malformed or missing key (or silently on generated dev keys in
// production or against PostgreSQL), config errors that echo a secret value into logs, and a
// dev-secrets file that other users on the host can read.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { inspect } from 'node:util'
import { loadConfig } from '../../src/config/config.js'
import { DEV_SECRETS_FILE, ensureKeys } from '../../src/config/dev-secrets.js'
import { isCofferError } from '../../src/errors.js'

const KEY_VARIABLES = ['COFFER_MASTER_KEY', 'COFFER_TOKEN_SECRET'] as const

/** 44 characters, the right length, but '!' is not base64. */
const NOT_BASE64_CANARY = 'CANARY!canary!CANARY!canary!CANARY!canary!A='
/** Valid base64 ("coffer-canary-secret"), but 20 bytes, not 32. */
const SHORT_CANARY = Buffer.from('coffer-canary-secret').toString('base64')
/** Valid base64 of 48 bytes: too long. */
const LONG_CANARY = Buffer.alloc(48, 0xa5).toString('base64')
/** Valid base64 of 33 bytes: 44 characters without padding, one byte too many. */
const ONE_BYTE_TOO_MANY_CANARY = Buffer.alloc(33, 0x5a).toString('base64')

const validKey = () => randomBytes(32).toString('base64')

/** A predicate for assert.throws: CONFIG_INVALID naming `names`, never echoing `secret`. */
function configInvalid(options: {
  naming: readonly string[]
  notNaming?: readonly string[]
  secret?: string
}) {
  return (error: unknown) => {
    assert.ok(isCofferError(error, 'CONFIG_INVALID'), `expected CONFIG_INVALID, got ${inspect(error)}`)
    for (const name of options.naming) assert.match(error.message, new RegExp(name), `message names ${name}`)
    for (const name of options.notNaming ?? []) {
      assert.doesNotMatch(error.message, new RegExp(name), `message does not name ${name}`)
    }
    if (options.secret !== undefined) {
      assert.ok(!error.message.includes(options.secret), 'message must not contain the value')
      assert.ok(!inspect(error).includes(options.secret), 'inspected error must not contain the value')
      assert.ok(
        !JSON.stringify(error).includes(options.secret),
        'serialized error must not contain the value',
      )
    }
    return true
  }
}

describe('loadConfig: secret keys', () => {
  const badValues = [
    ['not base64', NOT_BASE64_CANARY],
    ['too short', SHORT_CANARY],
    ['too long', LONG_CANARY],
    ['one byte too many', ONE_BYTE_TOO_MANY_CANARY],
  ] as const

  for (const variable of KEY_VARIABLES) {
    const other = KEY_VARIABLES.find((name) => name !== variable)!
    for (const [problem, value] of badValues) {
      it(`${variable} set but ${problem} is CONFIG_INVALID naming it, without the value`, () => {
        assert.throws(
          () => loadConfig({ [variable]: value, [other]: validKey() }),
          configInvalid({ naming: [variable], notNaming: [other], secret: value }),
        )
      })
    }
  }

  it('both keys bad: one CONFIG_INVALID naming both, with neither value', () => {
    assert.throws(
      () => loadConfig({ COFFER_MASTER_KEY: NOT_BASE64_CANARY, COFFER_TOKEN_SECRET: SHORT_CANARY }),
      (error) =>
        configInvalid({ naming: KEY_VARIABLES, secret: NOT_BASE64_CANARY })(error) &&
        configInvalid({ naming: KEY_VARIABLES, secret: SHORT_CANARY })(error),
    )
  })

  it('valid 32-byte base64 keys parse to the same 32 bytes', () => {
    const master = randomBytes(32)
    const token = randomBytes(32)
    const config = loadConfig({
      COFFER_MASTER_KEY: master.toString('base64'),
      COFFER_TOKEN_SECRET: token.toString('base64'),
    })
    assert.ok(Buffer.isBuffer(config.masterKey))
    assert.ok(Buffer.isBuffer(config.tokenSecret))
    assert.equal(config.masterKey.length, 32)
    assert.equal(config.tokenSecret.length, 32)
    assert.deepEqual(config.masterKey, master)
    assert.deepEqual(config.tokenSecret, token)
  })

  it('surrounding whitespace (a trailing newline from a secrets file) is ignored', () => {
    const master = randomBytes(32)
    const config = loadConfig({ COFFER_MASTER_KEY: `${master.toString('base64')}\n` })
    assert.deepEqual(config.masterKey, master)
  })

  it('unset or empty keys are undefined (left to ensureKeys), not an error', () => {
    const config = loadConfig({ COFFER_MASTER_KEY: '', COFFER_TOKEN_SECRET: undefined })
    assert.equal(config.masterKey, undefined)
    assert.equal(config.tokenSecret, undefined)
  })
})

describe('loadConfig: other settings', () => {
  it('defaults: listen 127.0.0.1:8080, data dir ./.coffer, body limit 2 MiB, embedded database', () => {
    const config = loadConfig({})
    assert.deepEqual(config.listen, { host: '127.0.0.1', port: 8080 })
    assert.equal(config.dataDir, './.coffer')
    assert.equal(config.bodyLimitBytes, 2 * 1024 * 1024)
    assert.equal(config.databaseUrl, undefined)
    assert.deepEqual(config.keyProvider, { name: 'local', previousMasterKeys: [] })
    assert.equal(config.logLevel, 'info')
    assert.equal(config.production, false)
    assert.equal(config.masterKey, undefined)
    assert.equal(config.tokenSecret, undefined)
  })

  it('parses listen addresses, including a bracketed IPv6 host', () => {
    assert.deepEqual(loadConfig({ COFFER_LISTEN: '0.0.0.0:443' }).listen, { host: '0.0.0.0', port: 443 })
    assert.deepEqual(loadConfig({ COFFER_LISTEN: '[::1]:9000' }).listen, { host: '::1', port: 9000 })
  })

  for (const value of ['localhost', '127.0.0.1:65536', ':8080', 'http://127.0.0.1:8080', '127.0.0.1:80a']) {
    it(`COFFER_LISTEN=${JSON.stringify(value)} is CONFIG_INVALID naming it`, () => {
      assert.throws(() => loadConfig({ COFFER_LISTEN: value }), configInvalid({ naming: ['COFFER_LISTEN'] }))
    })
  }

  for (const value of ['verbose', 'INFO', 'warning']) {
    it(`COFFER_LOG_LEVEL=${JSON.stringify(value)} is CONFIG_INVALID naming it`, () => {
      assert.throws(
        () => loadConfig({ COFFER_LOG_LEVEL: value }),
        configInvalid({ naming: ['COFFER_LOG_LEVEL'], secret: value }),
      )
    })
  }

  for (const value of ['two megabytes', '1.5', '-1', '0']) {
    it(`COFFER_BODY_LIMIT_BYTES=${JSON.stringify(value)} is CONFIG_INVALID naming it`, () => {
      assert.throws(
        () => loadConfig({ COFFER_BODY_LIMIT_BYTES: value }),
        configInvalid({ naming: ['COFFER_BODY_LIMIT_BYTES'] }),
      )
    })
  }

  it('a numeric COFFER_BODY_LIMIT_BYTES is used', () => {
    assert.equal(loadConfig({ COFFER_BODY_LIMIT_BYTES: '1024' }).bodyLimitBytes, 1024)
  })

  const DATABASE_URL_CANARY = 'mysql://coffer:canary-password@db.internal/coffer'
  for (const value of [DATABASE_URL_CANARY, 'db.internal:5432/coffer', 'file:///var/lib/coffer']) {
    it(`COFFER_DATABASE_URL=${JSON.stringify(value)} is CONFIG_INVALID naming it, without the URL`, () => {
      assert.throws(
        () => loadConfig({ COFFER_DATABASE_URL: value }),
        configInvalid({ naming: ['COFFER_DATABASE_URL'], secret: value }),
      )
    })
  }

  it('postgres:// and postgresql:// URLs are accepted as they are', () => {
    for (const url of ['postgres://u:p@localhost:5432/coffer', 'postgresql://u:p@localhost/coffer']) {
      assert.equal(loadConfig({ COFFER_DATABASE_URL: url }).databaseUrl, url)
    }
  })
})

describe('ensureKeys', () => {
  let root: string
  let dataDir: string

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'coffer-'))
    dataDir = join(root, 'data')
  })

  afterEach(() => {
    rmSync(root, { recursive: true, force: true })
  })

  const secretsFile = () => join(dataDir, DEV_SECRETS_FILE)

  it('dev mode: generates both keys into a mode-600 file in a private data dir', () => {
    const { config, devMode } = ensureKeys(loadConfig({ COFFER_DATA_DIR: dataDir }))
    assert.equal(devMode, true)
    assert.equal(config.masterKey?.length, 32)
    assert.equal(config.tokenSecret.length, 32)
    assert.notDeepEqual(config.masterKey, config.tokenSecret)
    assert.equal(statSync(secretsFile()).mode & 0o777, 0o600)
    assert.equal(statSync(dataDir).mode & 0o077, 0, 'data dir has no group or other permissions')
    const stored = JSON.parse(readFileSync(secretsFile(), 'utf8')) as Record<string, string>
    assert.deepEqual(Buffer.from(stored.masterKey!, 'base64'), config.masterKey)
    assert.deepEqual(Buffer.from(stored.tokenSecret!, 'base64'), config.tokenSecret)
  })

  it('dev mode: a second start reuses the same keys (data stays readable)', () => {
    const first = ensureKeys(loadConfig({ COFFER_DATA_DIR: dataDir }))
    const second = ensureKeys(loadConfig({ COFFER_DATA_DIR: dataDir }))
    assert.equal(second.devMode, true)
    assert.deepEqual(second.config.masterKey, first.config.masterKey)
    assert.deepEqual(second.config.tokenSecret, first.config.tokenSecret)
  })

  it('dev mode: a dev-secrets file whose permissions were loosened is tightened back to 600', () => {
    ensureKeys(loadConfig({ COFFER_DATA_DIR: dataDir }))
    chmodSync(secretsFile(), 0o644)
    ensureKeys(loadConfig({ COFFER_DATA_DIR: dataDir }))
    assert.equal(statSync(secretsFile()).mode & 0o777, 0o600)
  })

  it('dev mode: a damaged dev-secrets file is CONFIG_INVALID, without its contents', () => {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(secretsFile(), JSON.stringify({ masterKey: SHORT_CANARY, tokenSecret: SHORT_CANARY }), {
      mode: 0o600,
    })
    assert.throws(
      () => ensureKeys(loadConfig({ COFFER_DATA_DIR: dataDir })),
      configInvalid({ naming: [DEV_SECRETS_FILE], secret: SHORT_CANARY }),
    )
  })

  it('dev mode: a dev-secrets file that is not JSON is CONFIG_INVALID, without its contents', {}, () => {
    // A raw base64 key where JSON was expected: JSON.parse's message quotes its first characters.
    const rawKey = `Key${validKey().slice(3)}`
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(secretsFile(), `${rawKey}\n`, { mode: 0o600 })
    assert.throws(
      () => ensureKeys(loadConfig({ COFFER_DATA_DIR: dataDir })),
      configInvalid({ naming: [DEV_SECRETS_FILE], secret: rawKey.slice(0, 8) }),
    )
  })

  it('both keys set: used as given, not dev mode, nothing written', () => {
    const env = { COFFER_DATA_DIR: dataDir, COFFER_MASTER_KEY: validKey(), COFFER_TOKEN_SECRET: validKey() }
    const { config, devMode } = ensureKeys(loadConfig(env))
    assert.equal(devMode, false)
    assert.deepEqual(config.masterKey, Buffer.from(env.COFFER_MASTER_KEY, 'base64'))
    assert.deepEqual(config.tokenSecret, Buffer.from(env.COFFER_TOKEN_SECRET, 'base64'))
    assert.equal(existsSync(secretsFile()), false)
  })

  it('NODE_ENV=production without keys is CONFIG_INVALID naming both variables, nothing generated', () => {
    assert.throws(
      () => ensureKeys(loadConfig({ COFFER_DATA_DIR: dataDir, NODE_ENV: 'production' })),
      configInvalid({ naming: KEY_VARIABLES }),
    )
    assert.equal(existsSync(secretsFile()), false)
  })

  it('NODE_ENV=production ignores an existing dev-secrets file', () => {
    ensureKeys(loadConfig({ COFFER_DATA_DIR: dataDir }))
    assert.throws(
      () => ensureKeys(loadConfig({ COFFER_DATA_DIR: dataDir, NODE_ENV: 'production' })),
      configInvalid({ naming: KEY_VARIABLES }),
    )
  })

  it('COFFER_DATABASE_URL without keys is CONFIG_INVALID naming both variables, nothing generated', () => {
    const env = { COFFER_DATA_DIR: dataDir, COFFER_DATABASE_URL: 'postgres://coffer@localhost/coffer' }
    assert.throws(() => ensureKeys(loadConfig(env)), configInvalid({ naming: KEY_VARIABLES }))
    assert.equal(existsSync(secretsFile()), false)
  })

  for (const present of KEY_VARIABLES) {
    const missing = KEY_VARIABLES.find((name) => name !== present)!
    it(`only ${present} set is CONFIG_INVALID naming ${missing} alone, nothing generated`, () => {
      const value = validKey()
      assert.throws(
        () => ensureKeys(loadConfig({ COFFER_DATA_DIR: dataDir, [present]: value })),
        configInvalid({ naming: [missing], notNaming: [present], secret: value }),
      )
      assert.equal(existsSync(secretsFile()), false)
    })
  }
})
