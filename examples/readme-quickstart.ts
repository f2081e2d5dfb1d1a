import { Coffer, CofferOperator, verifyWebhook } from 'coffer/client'

const baseUrl = 'http://127.0.0.1:8080'
const operator = new CofferOperator({ baseUrl, token: process.env.COFFER_OPERATOR_TOKEN! })
// A customer org; its owner token is in this answer only: keep it in your secret store.
const { owner_token } = await operator.orgs.create({ slug: 'acme', name: 'Acme' })
const coffer = new Coffer({ baseUrl, token: owner_token })

// A memory about a data subject, kept a day; encrypted under Acme's key before it is stored.
await coffer.records.store({
  namespace: 'memories',
  type: 'memory',
  content: 'Alice prefers tea',
  entities: ['user:alice'],
  ttl_seconds: 86_400,
})
const { items } = await coffer.records.search({ query: 'tea' })
const memories = await Promise.all(items.map((hit) => coffer.records.get(hit.id))) // decrypted

// A vendor key: write-only (answers last4), resolved for a purpose the access log keeps.
await coffer.secrets.put('openai', { value: process.env.OPENAI_API_KEY! })
const { value: apiKey } = await coffer.secrets.resolve('openai', { purpose: 'answer ticket 42' })
process.stdout.write(`${memories.length} memories for the prompt; key …${apiKey.slice(-4)}\n`)

// Webhooks: the endpoint's secret is shown once; verify every delivery's raw body with it.
const { secret } = await coffer.webhooks.create({
  url: 'https://app.example.com/hooks/coffer',
  event_types: ['record.created'],
})
export function onDelivery(rawBody: Buffer, headers: Record<string, string>) {
  const event = verifyWebhook(rawBody, headers, secret) // throws WebhookVerificationError
  if (event.type === 'record.created') return event.data.id // typed per event type
}
