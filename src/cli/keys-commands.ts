import { parseArgs } from 'node:util'
import type { Coffer } from '../app.js'
import type { OrgId } from '../db/org-id.js'
import { withTenant } from '../db/tenant-door.js'
import { CofferError } from '../errors.js'
import { destroyOrgKeys } from '../keys/org-key-destruction.js'
import { findOrgBySlug, listOrgs, type OrgSummary } from '../tenancy/orgs.js'
import { CLI_ACTOR } from './cli-io.js'
import type { CliCommand } from './command-table.js'
import { withKeysContext } from './keys-context.js'
import { createProgressReporter } from './progress.js'

/** What the key commands need from the CLI: the wired Coffer and where to print. */
export interface KeysCommandContext {
  coffer: Coffer
  out: (line: string) => void
  write?: (text: string) => void
  isTTY: boolean
}

const ACTOR = CLI_ACTOR

async function targetOrgs(
  coffer: Coffer,
  values: { org?: string | undefined; all?: boolean | undefined },
): Promise<OrgSummary[]> {
  if (values.org) return [await findOrgBySlug(coffer.db, values.org)]
  if (values.all) return (await listOrgs(coffer.db)).filter((org) => !org.deletedAt)
  throw new CofferError('VALIDATION_FAILED', 'name an org with --org <slug>, or use --all')
}

/** `coffer keys status [--org <slug>] [--json]`: versions, states, envelopes per version, provider. */
export async function keysStatus(ctx: KeysCommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, json: { type: 'boolean', default: false } },
  })
  const { coffer } = ctx
  const orgs = values.org ? [await findOrgBySlug(coffer.db, values.org)] : await listOrgs(coffer.db)
  const report = []
  for (const org of orgs) {
    const { versions, status } = await withTenant(coffer.db, org.id, async (sql) => {
      const status = await coffer.rotation.status(sql)
      return { versions: await coffer.keyring.versions(sql), status }
    })
    const { job: running, envelopes } = status
    report.push({
      org: org.slug,
      org_id: org.id,
      rotation: running
        ? { job_id: running.id, target_version: running.targetVersion, envelopes_done: running.envelopesDone }
        : null,
      versions: versions.map((v) => ({
        version: v.version,
        state: v.state,
        provider: v.provider,
        root_key_id: v.rootKeyId,
        envelopes: envelopes.get(v.version) ?? 0,
        created_at: v.createdAt.toISOString(),
        destroyed_at: v.destroyedAt?.toISOString() ?? null,
      })),
    })
  }
  // No cache counters: this process's cache has only just started (the server's are in /metrics).
  const summary = { provider: coffer.provider.name, root_key_id: coffer.provider.rootKeyId, orgs: report }
  if (values.json) {
    ctx.out(JSON.stringify(summary))
    return 0
  }
  ctx.out(`provider ${summary.provider}, current root key ${summary.root_key_id}`)
  for (const org of report) {
    ctx.out(`${org.org}${org.rotation ? `  (rotation to v${org.rotation.target_version} running)` : ''}`)
    for (const v of org.versions) {
      ctx.out(
        `  v${v.version}  ${v.state.padEnd(9)}  ${String(v.envelopes).padStart(8)} envelopes  root ${v.root_key_id}`,
      )
    }
  }
  return 0
}

/** `coffer keys rotate (--org <slug> | --all)`: a new version for writes, then re-encrypts older envelopes. */
export async function keysRotate(ctx: KeysCommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      all: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  })
  for (const org of await targetOrgs(ctx.coffer, values)) {
    const job = await ctx.coffer.rotation.start(org.id, ACTOR)
    if (!values.json) {
      ctx.out(
        `${org.slug}: writes now use key v${job.targetVersion}${job.envelopesDone > 0 ? ' (resuming)' : ''}`,
      )
    }
    const result = await runRotation(ctx, org.slug, org.id, { quiet: values.json })
    if (values.json) {
      ctx.out(
        JSON.stringify({
          org: org.slug,
          target_version: result?.targetVersion ?? job.targetVersion,
          envelopes_done: result?.envelopesDone ?? 0,
          retired_versions: result?.retiredVersions ?? [],
        }),
      )
    }
  }
  return 0
}

async function runRotation(ctx: KeysCommandContext, slug: string, orgId: OrgId, options: { quiet: boolean }) {
  const first = await ctx.coffer.rotation.progress(orgId)
  const total = first.envelopesDone + first.envelopesLeft
  // --json: one result line per org, no progress lines.
  const progress = createProgressReporter({
    label: `${slug}: re-encrypting`,
    out: options.quiet ? () => undefined : ctx.out,
    ...(ctx.write && !options.quiet ? { write: ctx.write } : {}),
    isTTY: ctx.isTTY && !options.quiet,
  })
  const result = await ctx.coffer.rotation.run(orgId, {
    onProgress: (p) => progress.update(p.envelopesDone, Math.max(total, p.envelopesDone + p.envelopesLeft)),
  })
  const retired = result?.retiredVersions.length ? `; retired v${result.retiredVersions.join(', v')}` : ''
  progress.finish(
    `${slug}: rotation to v${result?.targetVersion} complete, ${result?.envelopesDone ?? 0} envelopes re-encrypted${retired}`,
  )
  return result
}

/**
 * `coffer keys rewrap`: every key the root wraps rewrapped under the current root (the connector
 * providers' data keys, the audit signing keys, then every org key); no record is touched. Each
 * provider key and signing key rewrapped gets `connector_provider.rewrapped` or
 * `audit_signing_key.rewrapped` in the system log; each org with a key rewrapped gets
 * `key.rewrapped` in its log and in the system log.
 */
export async function keysRewrap(ctx: KeysCommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } })
  const rootKeyId = ctx.coffer.provider.rootKeyId
  // Instance keys first: each in one transaction with its system log entry.
  const providerKeys = await ctx.coffer.connectorProviders.rewrap((tx, provider) =>
    ctx.coffer.systemAudit.append(tx, {
      actor: ACTOR,
      action: 'connector_provider.rewrapped',
      resource: `connector-provider:${provider.id}/root:${rootKeyId}`,
    }),
  )
  const signingKeys = await ctx.coffer.auditKeys.rewrap((tx, version) =>
    ctx.coffer.systemAudit.append(tx, {
      actor: ACTOR,
      action: 'audit_signing_key.rewrapped',
      resource: `audit-signing-key:${version}/root:${rootKeyId}`,
    }),
  )
  if (!values.json) {
    ctx.out(
      `rewrapped ${providerKeys} connector provider keys and ${signingKeys.length} audit signing keys under root ${rootKeyId}`,
    )
  }
  const orgs = (await listOrgs(ctx.coffer.db)).filter((org) => !org.deletedAt)
  const progress = createProgressReporter({
    label: 'rewrapping org keys',
    out: values.json ? () => undefined : ctx.out,
    ...(ctx.write && !values.json ? { write: ctx.write } : {}),
    isTTY: ctx.isTTY && !values.json,
  })
  let rewrapped = 0
  for (const [index, org] of orgs.entries()) {
    rewrapped += await withTenant(ctx.coffer.db, org.id, async (sql) => {
      const versions = await ctx.coffer.keyring.rewrap(sql)
      if (versions > 0) {
        // In the org's log and the system log, in the transaction of the rewrap.
        const entry = {
          actor: ACTOR,
          action: 'key.rewrapped',
          resource: `org_key:${org.id}/root:${ctx.coffer.provider.rootKeyId}`,
        }
        await ctx.coffer.audit.append(sql, entry)
        await ctx.coffer.systemAudit.append(sql, entry)
      }
      return versions
    })
    progress.update(index + 1, orgs.length)
  }
  progress.finish(`rewrapped ${rewrapped} org key versions of ${orgs.length} orgs under root ${rootKeyId}`)
  if (values.json) {
    ctx.out(
      JSON.stringify({
        rewrapped,
        orgs: orgs.length,
        connector_provider_keys: providerKeys,
        audit_signing_keys: signingKeys.length,
        root_key_id: rootKeyId,
      }),
    )
  }
  return 0
}

function requireConfirmation(slug: string, confirm: string | undefined): void {
  if (confirm !== slug) {
    throw new CofferError(
      'VALIDATION_FAILED',
      'this cannot be undone: repeat the org slug with --confirm <slug>',
    )
  }
}

/** `coffer keys destroy --org <slug> --confirm <slug>`: crypto-shredding of one org. */
export async function keysDestroy(ctx: KeysCommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      confirm: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  })
  if (!values.org) throw new CofferError('VALIDATION_FAILED', 'keys destroy needs --org <slug>')
  requireConfirmation(values.org, values.confirm)
  const org = await findOrgBySlug(ctx.coffer.db, values.org)
  const versions = await destroyOrgKeys(ctx.coffer, org.id, ACTOR)
  ctx.out(
    values.json
      ? JSON.stringify({ org: org.slug, destroyed_versions: versions })
      : versions.length > 0
        ? `${org.slug}: destroyed key versions v${versions.join(', v')}; its data can no longer be decrypted, backups included`
        : `${org.slug}: no live key versions left to destroy`,
  )
  return 0
}

/** `coffer keys ...`: status, rotate, rewrap, destroy. */
export const KEYS_COMMANDS: readonly CliCommand[] = [
  {
    words: ['keys', 'status'],
    args: '[--org <slug>] [--json]',
    summary: 'key versions, states, envelopes per version, provider, root key id',
    run: (io, args) => withKeysContext(io, (ctx) => keysStatus(ctx, args)),
  },
  {
    words: ['keys', 'rotate'],
    args: '(--org <slug> | --all) [--json]',
    summary: 'new org key version for writes; re-encrypt older envelopes (resumable)',
    run: (io, args) => withKeysContext(io, (ctx) => keysRotate(ctx, args)),
  },
  {
    words: ['keys', 'rewrap'],
    args: '[--json]',
    summary:
      'rewrap every org, connector provider and audit signing key under the current root (no record touched)',
    run: (io, args) => withKeysContext(io, (ctx) => keysRewrap(ctx, args)),
  },
  {
    words: ['keys', 'destroy'],
    args: '--org <slug> --confirm <slug> [--json]',
    summary: "crypto-shredding: destroy every version of the org's key",
    run: (io, args) => withKeysContext(io, (ctx) => keysDestroy(ctx, args)),
  },
]
