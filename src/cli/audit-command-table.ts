import type { Coffer } from '../app.js'
import { type AuditCommandContext, auditExport, auditKey, auditList, auditVerify } from './audit-commands.js'
import { type CliIO, withCoffer } from './cli-io.js'
import type { CliCommand } from './command-table.js'

function contextOf(io: CliIO): AuditCommandContext {
  return { out: io.out, withCoffer: <T>(fn: (coffer: Coffer) => Promise<T>) => withCoffer(io, fn) }
}

/** `coffer audit verify|key|export|list|tail`. */
export const AUDIT_COMMANDS: readonly CliCommand[] = [
  {
    words: ['audit', 'verify'],
    args: '[--org <slug>] | --bundle <file> --key <key|file> [--checkpoint <file>]',
    summary: [
      'recompute audit logs (leaves, seqs, roots, checkpoint signatures); exit 1 naming the first bad entry;',
      'with --bundle, offline: check an exported bundle against the checkpoint key and an older',
      'checkpoint kept; exit 1 naming the first bad entry or checkpoint',
    ].join('\n'),
    run: (io, args) => auditVerify(contextOf(io), args),
  },
  {
    words: ['audit', 'key'],
    args: '--org <slug> [--rotate]',
    summary: "the org's checkpoint keys (note verifier format); --rotate makes a new one",
    run: (io, args) => auditKey(contextOf(io), args),
  },
  {
    words: ['audit', 'export'],
    args: '--org <slug> [--from <seq>] [--to <seq>]',
    summary: 'print the bundle GET /v1/audit/export serves (NDJSON)',
    run: (io, args) => auditExport(contextOf(io), args),
  },
  {
    words: ['audit', 'list'],
    args: '--org <slug> [--limit <n>] [--json]',
    summary: 'newest entries first',
    run: (io, args) => auditList(contextOf(io), args, { tail: false }),
  },
  {
    words: ['audit', 'tail'],
    args: '--org <slug> [--after <seq>] [--limit <n>] [--json]',
    summary: 'oldest first: the last entries, or those after a seq',
    run: (io, args) => auditList(contextOf(io), args, { tail: true }),
  },
]
