import { parseArgs } from 'node:util'
import { openCoffer } from '../app.js'
import { loadConfig } from '../config/config.js'
import { ensureKeys } from '../config/dev-secrets.js'
import { type DoctorCheck, runDoctor } from '../doctor/doctor-checks.js'
import { encryptionInventory, renderEncryptionTable } from '../doctor/encryption-inventory.js'
import { CofferError, isCofferError } from '../errors.js'
import type { CliIO } from './cli-io.js'
import type { CliCommand } from './command-table.js'
import { createProgressReporter } from './progress.js'

function parseSample(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = /^\d{1,9}$/.test(value) ? Number(value) : 0
  if (n <= 0) throw new CofferError('VALIDATION_FAILED', '--sample must be a positive integer')
  return n
}

/** Checks, or the one failure that stopped Coffer from opening at all (a schema without isolation). */
async function collectChecks(
  io: CliIO,
  options: { sample: number | undefined; json: boolean },
): Promise<DoctorCheck[]> {
  const { config, devMode } = ensureKeys(loadConfig(io.env))
  let coffer: Awaited<ReturnType<typeof openCoffer>>
  try {
    coffer = await openCoffer(config)
  } catch (error) {
    if (!isCofferError(error, 'TENANT_ISOLATION_BROKEN')) throw error
    return [{ check: 'tenant_isolation', status: 'fail', detail: error.message }]
  }
  const progress =
    !options.json && io.isTTY && io.write
      ? createProgressReporter({ label: 'checking envelopes', out: io.out, write: io.write, isTTY: true })
      : undefined
  try {
    const checks = await runDoctor(coffer, {
      sample: options.sample,
      devMode,
      env: io.env,
      ...(progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
    })
    progress?.finish('')
    return checks
  } finally {
    await coffer.close()
  }
}

async function runDoctorCommand(io: CliIO, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false }, sample: { type: 'string' } },
  })
  const sample = parseSample(values.sample)
  const checks = await collectChecks(io, { sample, json: values.json })
  const failures = checks.filter((c) => c.status === 'fail').length
  const warnings = checks.filter((c) => c.status === 'warn').length
  if (values.json) {
    io.out(
      JSON.stringify({
        ok: failures === 0,
        failures,
        warnings,
        checks: checks.map((c) => ({
          check: c.check,
          status: c.status,
          org: c.org ?? null,
          detail: c.detail,
        })),
        encryption: encryptionInventory(),
      }),
    )
    return failures === 0 ? 0 : 1
  }
  for (const c of checks) {
    io.out(
      `${c.status.toUpperCase().padEnd(5)} ${c.check.padEnd(17)} ${c.org ? `${c.org}: ` : ''}${c.detail}`,
    )
  }
  io.out('')
  io.out('What is and is not encrypted (from the code that encrypts):')
  io.out(renderEncryptionTable())
  io.out('')
  io.out(
    failures === 0
      ? `doctor: every check passed (${warnings} warnings)`
      : `doctor: ${failures} checks failed, ${warnings} warnings`,
  )
  return failures === 0 ? 0 : 1
}

/** `coffer doctor [--json] [--sample <n>]`. */
export const DOCTOR_COMMAND: CliCommand = {
  words: ['doctor'],
  args: '[--json] [--sample <n>]',
  summary:
    'prove the promises on this deployment: RLS forced, no role past it, envelopes of live keys\n(every row, or <n> per table and org), no stuck rotation, audit verifies, provider answers;\nexit 1 on any failure',
  run: runDoctorCommand,
}
