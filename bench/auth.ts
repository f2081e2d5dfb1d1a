/**
 * Access bench, measured in one run: (1) token verifications per second of Coffer's scheme
 * (checksum + one HMAC-SHA256) against keys hashed with Argon2id (OWASP parameters, the choice
 * of one seed product) and with scrypt (N=2^14, r=8, p=1); the indexed lookup that all three
 * need is measured separately, as Coffer's full `authenticate` (cached and uncached).
 * (2) Throughput of an authenticated `GET /v1/records/:id` against the same route with
 * authentication bypassed — in this harness only (a hook that sets a fixed principal).
 */
import { scryptSync } from 'node:crypto'
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Coffer } from '../src/app.js'
import type { Principal } from '../src/auth/scopes.js'
import { hashApiToken, hasValidTokenChecksum } from '../src/crypto/api-token.js'
import { constantTimeEqual } from '../src/crypto/compare.js'
import { randomBytes } from '../src/crypto/random.js'
import { openPGlite } from '../src/db/pglite-driver.js'
import { buildHttpServer } from '../src/http/http-server.js'
import { registerProblemHandler } from '../src/http/problem.js'
import { registerRecordsRoutes } from '../src/http/routes/records-routes.js'
import { registerSecurityHeaders } from '../src/http/security-headers.js'
import { createOrg, setOrgRateLimit } from '../src/tenancy/orgs.js'
import { testConfig, wireTestCoffer } from '../test/support/coffer.js'

/** Runs `op` repeatedly for about `ms` and returns operations per second. */
async function rate(op: () => unknown | Promise<unknown>, ms: number): Promise<number> {
  const started = performance.now()
  let count = 0
  while (performance.now() - started < ms) {
    await op()
    count++
  }
  return count / ((performance.now() - started) / 1000)
}

function row(cells: (string | number)[]): string {
  return cells.map((cell, i) => String(cell).padEnd(i === 0 ? 44 : 14)).join('')
}

function format(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1)
}

async function benchVerification(coffer: Coffer, token: string): Promise<void> {
  const pepper = randomBytes(32)
  const stored = hashApiToken(pepper, token)
  const argon2Stored = await argon2Hash(token, { memoryCost: 19456, timeCost: 2, parallelism: 1 })
  const salt = randomBytes(16)
  const scryptStored = scryptSync(token, salt, 32, { N: 16384, r: 8, p: 1 })
  const coffer_ = await rate(
    () => hasValidTokenChecksum(token) && constantTimeEqual(hashApiToken(pepper, token), stored),
    500,
  )
  const argon2 = await rate(() => argon2Verify(argon2Stored, token), 1500)
  const scrypt = await rate(
    () => constantTimeEqual(scryptSync(token, salt, 32, { N: 16384, r: 8, p: 1 }), scryptStored),
    1500,
  )
  coffer.tokens.forgetCachedVerifications()
  const uncached = await rate(() => {
    coffer.tokens.forgetCachedVerifications()
    return coffer.tokens.authenticate(coffer.db, token)
  }, 1500)
  const cached = await rate(() => coffer.tokens.authenticate(coffer.db, token), 1000)
  console.log(row(['token verification', 'per second', 'vs Coffer']))
  console.log(row(['Coffer: checksum + HMAC-SHA256', format(coffer_), '1×']))
  console.log(row(['Argon2id m=19456 KiB, t=2, p=1', format(argon2), `${format(coffer_ / argon2)}× slower`]))
  console.log(row(['scrypt N=2^14, r=8, p=1', format(scrypt), `${format(coffer_ / scrypt)}× slower`]))
  console.log(row(['Coffer authenticate, lookup (PGlite)', format(uncached), '']))
  console.log(row(['Coffer authenticate, within the 5 s cache', format(cached), '']))
}

async function benchRequests(coffer: Coffer, token: string, principal: Principal): Promise<void> {
  const stored = await coffer.inTenant(principal.orgId, (sql) =>
    coffer.records.store(sql, principal, { namespace: 'default', type: 'note', content: 'x'.repeat(256) }),
  )
  const full = await buildHttpServer(coffer)
  // The same route without authentication: only here, never in the product.
  const bypass = Fastify({ logger: false })
  registerSecurityHeaders(bypass, { overTls: () => false })
  registerProblemHandler(bypass)
  await bypass.register(
    async (v1) => {
      v1.decorateRequest('principal', null)
      v1.addHook('onRequest', async (request) => {
        request.principal = principal
      })
      registerRecordsRoutes(v1, { db: coffer.db, records: coffer.records })
    },
    { prefix: '/v1' },
  )
  const url = `/v1/records/${stored.id}`
  const headers = { authorization: `Bearer ${token}` }
  const get = (app: FastifyInstance) => async () => {
    const response = await app.inject({ method: 'GET', url, headers })
    if (response.statusCode !== 200) throw new Error(`bench request failed: ${response.statusCode}`)
  }
  // Interleaved slices, best of each: the machine's other work hits both sides alike.
  let withAuth = 0
  let without = 0
  for (let slice = 0; slice < 4; slice++) {
    withAuth = Math.max(withAuth, await rate(get(full), 600))
    without = Math.max(without, await rate(get(bypass), 600))
  }
  console.log(row(['GET /v1/records/:id (in-process, PGlite)', 'requests/s', '']))
  const cost = (1 - withAuth / without) * 100
  console.log(row(['with authentication (token cached)', format(withAuth), `${cost.toFixed(1)}% cost`]))
  console.log(row(['authentication bypassed (bench only)', format(without), '']))
  await full.close()
  await bypass.close()
}

/** Prints the access bench. */
export async function benchAuth(): Promise<void> {
  const db = await openPGlite({})
  const coffer = await wireTestCoffer(db, { config: testConfig({ logLevel: 'silent' }) })
  try {
    const org = await createOrg(coffer, { slug: 'bench', actor: 'bench' })
    // The rate limiter stays on (it is part of every authenticated request), with a limit the
    // bench cannot reach.
    await setOrgRateLimit(coffer.db, 'bench', 1_000_000_000)
    const principal = await coffer.tokens.authenticate(coffer.db, org.ownerToken)
    await benchVerification(coffer, org.ownerToken)
    console.log('')
    await benchRequests(coffer, org.ownerToken, principal)
  } finally {
    await coffer.close()
  }
}
