// Stops: a batch of statements sent with one Sync (src/db/pg-batch.ts) that hides which statement
// failed, answers a statement the server skipped, or leaves node-postgres believing a statement is
// prepared when it is not (or not when it is), so that the connection's next use fails; and rows
// parsed wrongly when their columns are no longer described.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { type BatchStatement, StatementBatch } from '../../src/db/pg-batch.js'
import { DATABASE_TARGETS, type TestDatabase } from '../support/databases.js'

for (const target of DATABASE_TARGETS.filter((t) => t.name === 'postgres')) {
  describe('statement batches on postgres', () => {
    let testDb: TestDatabase
    let client: pg.Client

    before(async () => {
      testDb = await target.create()
      client = new pg.Client({ connectionString: testDb.url, pipeline: true } as pg.ClientConfig)
      await client.connect()
    })
    after(async () => {
      await client.end()
      await testDb.drop()
    })

    /** Sends `statements` as one batch; each one's result or error, in order. */
    const send = (statements: BatchStatement[]) => {
      const batch = new StatementBatch(client)
      const answers = statements.map((statement) =>
        batch.add(statement).then(
          (result) => ({ rows: result.rows as Record<string, unknown>[] }),
          (error: { code?: string }) => ({ error: error.code ?? String(error) }),
        ),
      )
      client.query(batch)
      return Promise.all(answers)
    }
    const rowDescriptions = () => {
      let count = 0
      const connection = (client as unknown as { connection: pg.Connection }).connection
      const listener = () => {
        count++
      }
      connection.on('rowDescription', listener)
      return () => {
        connection.removeListener('rowDescription', listener)
        return count
      }
    }

    it('answers each statement in order; a failure rejects it and the statements after it, not those before', async () => {
      const answers = await send([
        { text: 'SELECT 1 AS a' },
        { text: 'SELECT $1::int / 0 AS b', params: [1] },
        { text: 'SELECT 3 AS c' },
      ])
      assert.deepEqual(answers, [{ rows: [{ a: 1 }] }, { error: '22012' }, { error: '22012' }])
      // The connection goes on: the next batch is answered.
      assert.deepEqual(await send([{ text: 'SELECT 4 AS d' }]), [{ rows: [{ d: 4 }] }])
    })

    it('a named statement the server skipped after a failure is parsed on its next use', async () => {
      const named = { text: 'SELECT $1::int AS n', name: 'batch_test_skipped' }
      const failed = await send([{ text: 'SELECT 1 / 0' }, { ...named, params: [1] }])
      assert.deepEqual(failed, [{ error: '22012' }, { error: '22012' }])
      // Believed prepared, it would fail 26000 (prepared statement does not exist).
      assert.deepEqual(await send([{ ...named, params: [7] }]), [{ rows: [{ n: 7 }] }])
    })

    it('a named statement parsed before a failure is not parsed again', async () => {
      const named = { text: 'SELECT $1::int + 1 AS m', name: 'batch_test_parsed' }
      const answers = await send([{ ...named, params: [1] }, { text: 'SELECT 1 / 0' }])
      assert.deepEqual(answers, [{ rows: [{ m: 2 }] }, { error: '22012' }])
      // Parsed again, it would fail 42P05 (prepared statement already exists).
      assert.deepEqual(await send([{ ...named, params: [2] }]), [{ rows: [{ m: 3 }] }])
    })

    it('a named statement is described once: later runs parse its rows, typed, from the kept shape', async () => {
      const named = {
        text: "SELECT $1::int AS n, '2026-01-02T03:04:05Z'::timestamptz AS at, '\\x0102'::bytea AS raw, NULL::text AS none",
        name: 'batch_test_shape',
      }
      const first = rowDescriptions()
      const [one] = await send([{ ...named, params: [1] }])
      assert.equal(first(), 1)
      const again = rowDescriptions()
      const [two, three] = await send([
        { ...named, params: [2] },
        { ...named, params: [3] },
      ])
      assert.equal(again(), 0, 'no Describe sent for a statement whose rows are known')
      for (const [answer, n] of [
        [one, 1],
        [two, 2],
        [three, 3],
      ] as const) {
        assert.deepEqual(answer, {
          rows: [{ n, at: new Date('2026-01-02T03:04:05Z'), raw: Buffer.from([1, 2]), none: null }],
        })
      }
    })

    it('batches sent back to back without waiting are answered in order', async () => {
      const [a, b] = await Promise.all([
        send([{ text: 'SELECT pg_sleep(0.05), 1 AS a' }]),
        send([{ text: 'SELECT 2 AS b' }]),
      ])
      assert.deepEqual(a?.[0], { rows: [{ pg_sleep: '', a: 1 }] })
      assert.deepEqual(b, [{ rows: [{ b: 2 }] }])
    })

    it('a script issued after a statement of the same tick runs after it, in its transaction', async () => {
      const rows = await testDb.db.transaction(async (tx) => {
        // Not awaited: it waits in the open batch (with BEGIN) when the script is issued.
        const created = tx.query('CREATE TEMP TABLE batch_order (x int) ON COMMIT DROP')
        await tx.exec('INSERT INTO batch_order VALUES (1)')
        await created
        return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM batch_order')).rows
      })
      assert.deepEqual(rows, [{ n: 1 }])
    })

    it('a statement added after the batch was sent is refused', async () => {
      const batch = new StatementBatch(client)
      const sent = batch.add({ text: 'SELECT 1' })
      client.query(batch)
      await sent
      assert.throws(() => batch.add({ text: 'SELECT 2' }), /already sent/)
    })
  })
}
