// Stops: a root key rotation that rewraps org keys only, so that once the old root is removed the
// connector providers' client secrets and the audit signing key no longer open.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import type { Coffer } from '../../src/app.js'
import { CLI_ACTOR } from '../../src/cli/cli-io.js'
import { keysRewrap } from '../../src/cli/keys-commands.js'
import { runDoctor } from '../../src/doctor/doctor-checks.js'
import { isCofferError } from '../../src/errors.js'
import { type ConnectorsFixture, openConnectorsFixture, PROVIDER } from '../connectors/connectors-fixture.js'
import { wireTestCoffer } from '../support/coffer.js'
import { DATABASE_TARGETS } from '../support/databases.js'
import { buildTestServer, call } from '../support/http.js'

const decryptionFailed = (error: unknown) => isCofferError(error, 'DECRYPTION_FAILED')

for (const target of DATABASE_TARGETS) {
  describe(`root key rewrap reaches connector providers and audit signing keys on ${target.name}`, () => {
    const oldMasterKey = randomBytes(32)
    const newMasterKey = randomBytes(32)
    const tokenSecret = randomBytes(32)
    let f: ConnectorsFixture

    before(async () => {
      f = await openConnectorsFixture(target, { config: { masterKey: oldMasterKey, tokenSecret } })
      // The first signing key, made under the old root; then a second, so a retired one exists too.
      await f.coffer.auditKeys.current()
      await f.coffer.auditKeys.rotate()
    })
    after(() => f.close())

    const wire = (previous: Buffer[]): Promise<Coffer> =>
      wireTestCoffer(f.testDb.db, {
        clock: f.clock,
        config: {
          ...f.coffer.config,
          masterKey: newMasterKey,
          tokenSecret,
          keyProvider: { name: 'local', previousMasterKeys: previous },
        },
      })

    it('keys rewrap rewraps them, audited in the system log; with the old root gone they still open', async () => {
      const newOnlyBefore = await wire([])
      // Without the rewrap, the new root alone opens neither.
      const flow = await newOnlyBefore.connectorProviders.forFlowByName(PROVIDER)
      await assert.rejects(flow.openClientSecret(), decryptionFailed)
      await assert.rejects(newOnlyBefore.auditKeys.current(), decryptionFailed)

      const rotated = await wire([oldMasterKey])
      const lines: string[] = []
      assert.equal(
        await keysRewrap({ coffer: rotated, out: (line) => lines.push(line), isTTY: false }, []),
        0,
      )
      const root = rotated.provider.rootKeyId
      assert.equal(
        lines[0],
        `rewrapped 1 connector provider keys and 2 audit signing keys under root ${root}`,
      )

      const { rows: providers } = await f.testDb.db.query<{ id: string; root_key_id: string }>(
        'SELECT id, root_key_id FROM connector_providers',
      )
      assert.equal(providers.length, 1)
      assert.equal(providers[0]!.root_key_id, root)
      const { rows: seeds } = await f.testDb.db.query<{ version: number; wrapped_seed: Uint8Array }>(
        'SELECT version, wrapped_seed FROM audit_signing_keys ORDER BY version',
      )
      assert.deepEqual(
        seeds.map((row) => [row.version, rotated.provider.rootKeyIdOf(row.wrapped_seed)]),
        [
          [1, root],
          [2, root],
        ],
      )
      const { rows: system } = await f.testDb.db.query<{ actor: string; action: string; resource: string }>(
        `SELECT actor, action, resource FROM system_audit WHERE action LIKE '%.rewrapped' AND resource NOT LIKE 'org_key:%' ORDER BY id`,
      )
      assert.deepEqual(system, [
        {
          actor: CLI_ACTOR,
          action: 'connector_provider.rewrapped',
          resource: `connector-provider:${providers[0]!.id}/root:${root}`,
        },
        {
          actor: CLI_ACTOR,
          action: 'audit_signing_key.rewrapped',
          resource: `audit-signing-key:1/root:${root}`,
        },
        {
          actor: CLI_ACTOR,
          action: 'audit_signing_key.rewrapped',
          resource: `audit-signing-key:2/root:${root}`,
        },
      ])

      // A second rewrap has nothing left to do.
      const again: string[] = []
      await keysRewrap({ coffer: rotated, out: (line) => again.push(line), isTTY: false }, ['--json'])
      const json = JSON.parse(again[0]!)
      assert.equal(json.connector_provider_keys, 0)
      assert.equal(json.audit_signing_keys, 0)

      // The old root removed: the client secret opens, and a whole connector flow (which sends it
      // to the token endpoint) works; the signing key opens and signs checkpoints.
      const newOnly = await wire([])
      const secret = await (await newOnly.connectorProviders.forFlowByName(PROVIDER)).openClientSecret()
      assert.equal(secret.toString('utf8'), f.oauth.clientSecret)
      secret.fill(0)
      const signing = await newOnly.auditKeys.current()
      assert.equal(signing.version, 2)
      const { http } = await buildTestServer(newOnly)
      try {
        const started = await call(http, f.orgA.ownerToken, 'POST', `/v1/connectors/${PROVIDER}/authorize`)
        assert.equal(started.statusCode, 200, started.body)
        const back = await f.oauth.authorizeAsUser(started.json().authorization_url)
        const connected = await http.inject({ method: 'GET', url: `${back.pathname}${back.search}` })
        assert.equal(connected.statusCode, 201, connected.body)
      } finally {
        await http.close()
      }
      // The connect just audited: those entries are sealed under a checkpoint the rewrapped key signs.
      assert.ok((await newOnly.auditSequencer.sequenceOrg(f.orgA.orgId)) > 0)
      // Doctor, under the new root alone, finds no broken promise.
      const checks = await runDoctor(newOnly, { sample: undefined, devMode: true, env: {} })
      assert.deepEqual(
        checks.filter((check) => check.status === 'fail'),
        [],
      )
    })
  })
}
