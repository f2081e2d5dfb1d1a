import type { OrgId } from '../db/org-id.js'
import type { TenantSql } from '../db/tenant-door.js'
import type { KeyEventEmitter, KeyEventRecorder, TenantRunner } from './key-ports.js'
import type { OrgKeyring } from './org-keyring.js'

/**
 * Crypto-shredding: destroys every version of the org's key in one transaction, audited as
 * `key.destroyed` (in the org's log and, given `systemAudit`, the system log) (and emitted through `emitEvent`, when given: org id and versions). Afterwards
 * every read of the org's data answers KEY_DESTROYED, on every instance (reads check the key state
 * in the database, not only the cache), and no copy of the database, backups included, can be
 * decrypted with the root key. Returns the versions destroyed.
 */
export async function destroyOrgKeys(
  deps: {
    inTenant: TenantRunner
    keyring: OrgKeyring
    audit: KeyEventRecorder
    emitEvent?: KeyEventEmitter | undefined
    /** The system log that outlives the org: the destruction is written there too, in its transaction. */
    systemAudit?:
      | { append(sql: TenantSql, entry: { actor: string; action: string; resource: string }): Promise<void> }
      | undefined
  },
  orgId: OrgId,
  actor: string,
): Promise<number[]> {
  return deps.inTenant(orgId, async (sql) => {
    const versions = await deps.keyring.destroyAll(sql, actor)
    if (versions.length > 0) {
      const entry = { actor, action: 'key.destroyed', resource: `org_key:${orgId}/v${versions.join(',v')}` }
      await deps.audit.append(sql, entry)
      await deps.systemAudit?.append(sql, entry)
      await deps.emitEvent?.(sql, {
        type: 'key.destroyed',
        data: { id: orgId, versions: versions.join(',') },
      })
    }
    return versions
  })
}
