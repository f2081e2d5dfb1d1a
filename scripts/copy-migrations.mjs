// Copies the numbered .sql migrations next to the compiled JavaScript (tsc copies only .ts output).
import { cpSync } from 'node:fs'

cpSync('src/db/migrations', 'dist/db/migrations', { recursive: true })
