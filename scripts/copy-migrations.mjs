// Copies the numbered .sql migrations next to the compiled JavaScript (tsc copies only .ts output).
// The target is emptied first: a migration renamed or removed in the source must not linger in dist.
import { cpSync, rmSync } from 'node:fs'

rmSync('dist/db/migrations', { recursive: true, force: true })
cpSync('src/db/migrations', 'dist/db/migrations', { recursive: true })
