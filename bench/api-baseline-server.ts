/**
 * The plain baseline of the API bench: Fastify + pg, the same two routes as Coffer
 * (`POST /v1/records`, `GET /v1/records/:id`), no encryption, `WHERE org_id`, the bearer token
 * compared to a constant; and a bare `GET /health/live`. The same logger level and pool size as
 * Coffer. Run by bench/api.ts as its own process:
 *
 *     node --import tsx bench/api-baseline-server.ts   (BASELINE_DATABASE_URL, BASELINE_TOKEN,
 *                                                       BASELINE_LOG_LEVEL; empty URL: health only)
 *
 * Prints `baseline listening on <url>` once it listens on a free loopback port.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto'
import Fastify from 'fastify'
import pg from 'pg'

const databaseUrl = process.env.BASELINE_DATABASE_URL ?? ''
const token = Buffer.from(`Bearer ${process.env.BASELINE_TOKEN ?? ''}`)
const ORG_ID = '00000000-0000-4000-8000-000000000001'

const app = Fastify({ logger: { level: process.env.BASELINE_LOG_LEVEL ?? 'warn' } })
app.get('/health/live', async () => ({ status: 'ok' }))

if (databaseUrl !== '') {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 })
  await pool.query(`CREATE TABLE IF NOT EXISTS plain_records (
    org_id uuid NOT NULL, id uuid NOT NULL, namespace text NOT NULL, type text NOT NULL,
    content text NOT NULL, metadata jsonb, created_at timestamptz NOT NULL, PRIMARY KEY (org_id, id))`)
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/health')) return
    const given = Buffer.from(request.headers.authorization ?? '')
    if (given.length !== token.length || !timingSafeEqual(given, token)) {
      await reply.code(401).send({ error: 'unauthorized' })
    }
  })
  app.post<{ Body: { namespace?: string; type?: string; content: string; metadata?: unknown } }>(
    '/v1/records',
    async (request, reply) => {
      const id = randomUUID()
      const now = new Date()
      const body = request.body
      await pool.query(
        `INSERT INTO plain_records (org_id, id, namespace, type, content, metadata, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          ORG_ID,
          id,
          body.namespace ?? 'default',
          body.type ?? 'note',
          body.content,
          body.metadata ?? null,
          now,
        ],
      )
      return reply.code(201).send({ id, created_at: now.toISOString() })
    },
  )
  app.get<{ Params: { id: string } }>('/v1/records/:id', async (request, reply) => {
    const { rows } = await pool.query(
      'SELECT id, namespace, type, content, metadata, created_at FROM plain_records WHERE org_id = $1 AND id = $2',
      [ORG_ID, request.params.id],
    )
    if (!rows[0]) return reply.code(404).send({ error: 'not found' })
    return rows[0]
  })
  app.addHook('onClose', () => pool.end())
}

const url = await app.listen({ host: '127.0.0.1', port: 0 })
process.stdout.write(`baseline listening on ${url}\n`)
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0))
})
