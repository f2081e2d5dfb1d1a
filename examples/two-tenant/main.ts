/**
 * Two tenants of an AI-memory app on one Coffer, through `coffer/client` only:
 * provision two orgs (operator token), store memories and messages with entities and TTL, search,
 * store and resolve a vendor key, receive and verify a webhook, mint a narrower token for an agent
 * (and watch it be refused beyond its reach), erase a data subject, export, and check the audit
 * trail offline with the checkpoint key.
 *
 *   COFFER_URL=http://127.0.0.1:8080 COFFER_OPERATOR_TOKEN=cfo_... node --import tsx examples/two-tenant/main.ts
 *
 * Prints one line per step; exits 1 at the first step that does not hold.
 */
import {
  Coffer,
  CofferApiError,
  CofferOperator,
  describeAuditProblem,
  verifyAuditBundle,
} from 'coffer/client'
import { startWebhookReceiver } from './webhook-receiver.js'

const baseUrl = process.env.COFFER_URL
const operatorToken = process.env.COFFER_OPERATOR_TOKEN
if (!baseUrl || !operatorToken) {
  console.error('set COFFER_URL and COFFER_OPERATOR_TOKEN')
  process.exit(2)
}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`failed: ${what}`)
  process.stdout.write(`ok - ${what}\n`)
}

/** Runs `call` and returns the CofferApiError code it was refused with (or 'none'). */
async function refusal(call: () => Promise<unknown>): Promise<string> {
  try {
    await call()
    return 'none'
  } catch (error) {
    if (error instanceof CofferApiError) return error.code
    throw error
  }
}

const run = Date.now().toString(36)
const operator = new CofferOperator({ baseUrl, token: operatorToken })

// 1. Provision two customer orgs; each owner token is shown once.
const acme = await operator.orgs.create({ slug: `acme-${run}`, name: 'Acme Support' })
const globex = await operator.orgs.create({ slug: `globex-${run}`, name: 'Globex' })
check(acme.owner_token.startsWith('cf_') && globex.owner_token.startsWith('cf_'), 'two orgs provisioned')
let listed = 0
for await (const org of operator.orgs.list()) if (org.slug.endsWith(run)) listed++
check(listed === 2, 'the operator lists both orgs')

const acmeApp = new Coffer({ baseUrl, token: acme.owner_token })
const globexApp = new Coffer({ baseUrl, token: globex.owner_token })

// 2. A webhook endpoint on a local receiver that verifies every delivery.
let webhookSecret: string | undefined
const receiver = await startWebhookReceiver(() => webhookSecret)
try {
  const endpoint = await acmeApp.webhooks.create({
    url: receiver.url,
    event_types: ['record.created', 'records.erased'],
    description: 'memory sync',
  })
  webhookSecret = endpoint.secret
  check(webhookSecret.startsWith('whsec_'), 'webhook endpoint created, its secret shown once')

  // 3. Memories and messages, with entities (the data subject) and a TTL.
  await acmeApp.namespaces.create('memories')
  await acmeApp.namespaces.create('messages')
  const memory = await acmeApp.records.store(
    {
      namespace: 'memories',
      type: 'memory',
      content: 'Alice prefers email over phone and is allergic to peanuts',
      entities: ['user:alice'],
      metadata: { source: 'chat' },
    },
    { idempotencyKey: `memory-${run}` },
  )
  const message = await acmeApp.records.store({
    namespace: 'messages',
    type: 'message',
    content: 'Hi, this is Alice: my parcel arrived damaged',
    entities: ['user:alice', 'ticket:42'],
    ttl_seconds: 3600,
  })
  await acmeApp.records.store({
    namespace: 'memories',
    type: 'memory',
    content: 'Bob likes phone calls in the morning',
    entities: ['user:bob'],
  })
  check(message.expires_at !== null, 'a message stored with a TTL has expires_at')
  // An archived record answers its stub (no content): this one was never archived.
  const read = await acmeApp.records.get(memory.id)
  check(
    'content' in read && read.content.includes('peanuts') && read.entities[0] === 'user:alice',
    'a memory reads back decrypted',
  )

  const created = await receiver.waitFor('record.created', (data) => data.id === memory.id)
  check(created.data.id === memory.id, `webhook ${created.type} received and verified`)

  // 4. Search, and a list as an async iterator over cursors.
  const hits = await acmeApp.records.search({ query: 'peanuts email', namespaces: ['memories'] })
  check(hits.items[0]?.id === memory.id, 'search finds the memory')
  let aliceRecords = 0
  for await (const record of acmeApp.records.list({ entity: 'user:alice', limit: 1 })) {
    if (record.id === memory.id || record.id === message.id) aliceRecords++
  }
  check(aliceRecords === 2, 'listing by entity pages through both of Alice’s records')

  // 5. Tenants are isolated: Globex cannot read Acme’s record, even by its id.
  check(
    (await refusal(() => globexApp.records.get(memory.id))) === 'NOT_FOUND',
    'another org’s id answers NOT_FOUND',
  )
  const globexHits = await globexApp.records.search({ query: 'peanuts' })
  check(globexHits.items.length === 0, 'another org’s search finds nothing')

  // 6. A vendor key: stored write-only, resolved for a purpose.
  const stored = await acmeApp.secrets.put('openai', { value: `sk-example-${run}-0123456789abcd` })
  check(stored.last4 === 'abcd', 'vendor key stored; only last4 comes back')
  const resolved = await acmeApp.secrets.resolve('openai', { purpose: 'summarise ticket 42' })
  check(resolved.value.endsWith('abcd'), 'vendor key resolved with a purpose')

  // 7. A narrower token for one agent: read-only, one namespace, an expiry.
  const agentToken = await acmeApp.tokens.create({
    name: 'support-bot',
    scopes: ['records:read'],
    agent: 'support-bot',
    namespace: 'memories',
    expires_in_seconds: 3600,
  })
  const agent = new Coffer({ baseUrl, token: agentToken.token })
  const agentHits = await agent.records.search({ query: 'peanuts' })
  check(agentHits.items.length === 1, 'the agent token searches its namespace')
  check(
    (await refusal(() => agent.records.store({ namespace: 'memories', content: 'x' }))) ===
      'INSUFFICIENT_SCOPE',
    'the agent token may not write',
  )
  check(
    (await refusal(() => agent.secrets.resolve('openai', { purpose: 'try' }))) === 'INSUFFICIENT_SCOPE',
    'the agent token may not resolve secrets',
  )
  check(
    (await refusal(() => agent.tokens.create({ name: 'wider', scopes: ['admin'] }))) === 'INSUFFICIENT_SCOPE',
    'the agent token cannot mint a wider token',
  )
  check(
    (await refusal(() => agent.records.get(message.id))) === 'NOT_FOUND',
    'the agent token sees no other namespace',
  )

  // 8. Erase a data subject; the erasure is announced by webhook too.
  const erased = await acmeApp.records.erase({ entity: 'user:alice' })
  check(erased.deleted === 2, 'erasing user:alice deletes both of her records')
  check((await refusal(() => acmeApp.records.get(memory.id))) === 'NOT_FOUND', 'her memory is gone')
  const erasure = await receiver.waitFor('records.erased')
  check(erasure.data.count === 2, 'webhook records.erased received and verified')

  // 9. Export what is left (sealed envelopes by default; plain needs admin).
  let exportedRecords = 0
  for await (const item of acmeApp.export({ format: 'plain', limit: 1 }))
    if (item.kind === 'record') exportedRecords++
  check(exportedRecords === 1, 'export pages through the one record left')

  // 10. The audit trail recorded all of it.
  let erasures = 0
  for await (const entry of acmeApp.audit.list({ action: 'records.erased' }))
    if (entry.action === 'records.erased') erasures++
  check(erasures === 1, 'the audit log holds the erasure')
  // The tenant keeps the checkpoint key once, then checks exported bundles with no server secret.
  const checkpointKey = await acmeApp.audit.checkpointKey()
  const verified = verifyAuditBundle(await acmeApp.audit.export(), { key: checkpointKey.trim().split('\n') })
  check(
    verified.ok,
    `the exported audit bundle verifies offline${verified.ok ? '' : `: ${describeAuditProblem(verified.problem)}`}`,
  )
  check(receiver.refused.length === 0, 'no delivery failed verification')

  // 11. Offboard Globex: keys destroyed first, then rows.
  await operator.orgs.delete(globex.org_id, { confirm: `globex-${run}` })
  check((await refusal(() => globexApp.records.list().next())) !== 'none', 'a deleted org’s token is refused')
} finally {
  await receiver.close()
}
process.stdout.write('two-tenant example: all steps passed\n')
