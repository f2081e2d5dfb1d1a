#!/usr/bin/env node
import { isCofferError } from '../errors.js'
import { main } from './main.js'

main(process.argv.slice(2)).then(
  (code) => {
    // -1: a long-running command (serve) that exits on its own.
    if (code >= 0) process.exitCode = code
  },
  (error: unknown) => {
    // Coffer errors carry messages that name parameters, never values; anything else gets its stack.
    if (isCofferError(error)) process.stderr.write(`coffer: ${error.code}: ${error.message}\n`)
    else console.error('coffer: unexpected error', error)
    process.exitCode = 1
  },
)
