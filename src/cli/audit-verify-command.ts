import { parseArgs } from 'node:util'
import { withTenant } from '../db/tenant-door.js'
import { findOrgBySlug, listOrgs } from '../tenancy/orgs.js'
import { type CliIO, withCoffer } from './cli-io.js'
import type { CliCommand } from './command-table.js'

async function runAuditVerify(io: CliIO, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { org: { type: 'string' } } })
  return withCoffer(io, async (coffer) => {
    const orgs = values.org ? [await findOrgBySlug(coffer.db, values.org)] : await listOrgs(coffer.db)
    let failed = 0
    for (const org of orgs) {
      const result = await withTenant(coffer.db, org.id, (sql) => coffer.audit.verify(sql))
      if (result.ok) {
        io.out(`ok    ${org.slug}: ${result.entries} entries`)
      } else {
        failed++
        io.out(
          `FAIL  ${org.slug}: entry seq ${result.firstBadSeq} (${result.reason}); ${result.entries} entries before it verify`,
        )
      }
    }
    return failed === 0 ? 0 : 1
  })
}

/** `coffer audit verify [--org <slug>]`. */
export const AUDIT_VERIFY_COMMAND: CliCommand = {
  words: ['audit', 'verify'],
  args: '[--org <slug>]',
  summary: 'recompute audit hash chains; exit 1 naming the first bad entry',
  run: runAuditVerify,
}
