/**
 * `COFFER_AUDIT_CHECKPOINT_DIR`: every signed checkpoint also leaves the database as a file,
 * `<dir>/<org id>/<tree size, 20 digits>.checkpoint` (the note as is), so that a copy exists
 * where the database's operator alone cannot rewrite it (mount it from elsewhere, sync it away).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SignedCheckpoint } from './audit-sequencer.js'

/** Writes one checkpoint file; an existing file of the same size is left as it is. */
export async function writeCheckpointFile(dir: string, checkpoint: SignedCheckpoint): Promise<void> {
  const orgDir = join(dir, checkpoint.orgId)
  await mkdir(orgDir, { recursive: true, mode: 0o700 })
  const name = `${String(checkpoint.treeSize).padStart(20, '0')}.checkpoint`
  await writeFile(join(orgDir, name), checkpoint.note, { flag: 'wx', mode: 0o600 }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error
    },
  )
}
