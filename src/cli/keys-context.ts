import type { CliIO } from './cli-io.js'
import { withCoffer } from './cli-io.js'
import type { KeysCommandContext } from './keys-commands.js'

/** Opens Coffer and hands a key command its context. */
export function withKeysContext(
  io: CliIO,
  fn: (ctx: KeysCommandContext) => Promise<number>,
): Promise<number> {
  return withCoffer(io, (coffer) =>
    fn({ coffer, out: io.out, isTTY: io.isTTY ?? false, ...(io.write ? { write: io.write } : {}) }),
  )
}
