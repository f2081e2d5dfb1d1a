import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CofferError } from '../errors.js'

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes the embedded database's data dir for this process: PGlite is single-process, and two
 * processes on one data dir would corrupt it. A lock left by a dead process is taken over.
 * Returns the release function.
 * @throws DATA_DIR_LOCKED when a live process holds it.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const file = join(dataDir, 'coffer.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 })
      return () => rmSync(file, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(readFileSync(file, 'utf8'))
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new CofferError(
          'DATA_DIR_LOCKED',
          `the embedded database in ${dataDir} is in use by process ${holder}; stop it first`,
        )
      }
      rmSync(file, { force: true })
    }
  }
  throw new CofferError('DATA_DIR_LOCKED', `could not lock ${dataDir}`)
}
