import { randomBytes } from 'node:crypto'
import { type Coffer, wireCoffer } from '../../src/app.js'
import { loadConfig } from '../../src/config/config.js'
import type { KeyedConfig } from '../../src/config/dev-secrets.js'
import { hashApiToken } from '../../src/crypto/api-token.js'
import { deriveKey } from '../../src/crypto/hkdf.js'
import type { Database } from '../../src/db/sql.js'
import type { Clock } from '../../src/internal/clock.js'
import type { RootKeyProvider } from '../../src/keys/root-key-provider.js'
import type { Tracing } from '../../src/observability/tracing.js'
import { recordSecret } from './leak-canary.js'

/** A fully keyed config with fresh random keys, as a server would have it. */
export function testConfig(overrides: Partial<KeyedConfig> = {}): KeyedConfig {
  return {
    ...loadConfig({ COFFER_LOG_LEVEL: 'silent' }),
    masterKey: randomBytes(32),
    tokenSecret: randomBytes(32),
    ...overrides,
  }
}

/** A manually advanced clock. */
export class TestClock implements Clock {
  constructor(private ms = Date.UTC(2026, 10, 23, 12, 0, 0)) {}
  now(): number {
    return this.ms
  }
  advance(ms: number): void {
    this.ms += ms
  }
}

/** Wires Coffer (migrate, isolation check, services) on a test database. */
export async function wireTestCoffer(
  db: Database,
  options: {
    config?: Partial<KeyedConfig>
    clock?: Clock
    provider?: RootKeyProvider
    tracing?: Tracing
  } = {},
): Promise<Coffer> {
  const config = testConfig(options.config)
  const coffer = await wireCoffer(config, db, {
    ...(options.tracing ? { tracing: options.tracing } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.provider ? { provider: options.provider } : {}),
  })
  recordIssuedTokens(coffer, config)
  return coffer
}

/** Every token this Coffer issues, and its stored hash, go on the suite's leak-check list. */
function recordIssuedTokens(coffer: Coffer, config: KeyedConfig): void {
  const pepper = deriveKey(config.tokenSecret, 'coffer/api-token-hash')
  const issue = coffer.tokens.issue.bind(coffer.tokens)
  coffer.tokens.issue = async (sql, options) => {
    const issued = await issue(sql, options)
    const hash = hashApiToken(pepper, issued.token)
    for (const form of [
      issued.token,
      hash.toString('hex'),
      hash.toString('base64'),
      hash.toString('base64url'),
    ]) {
      recordSecret(form)
    }
    return issued
  }
}
