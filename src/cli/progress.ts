/** Progress of a long job: a bar redrawn in place on a terminal, plain lines otherwise. */
export interface ProgressReporter {
  update(done: number, total: number): void
  finish(message: string): void
}

const BAR_WIDTH = 30
/** Plain lines are printed at most this often, so a log is not flooded. */
const LINE_INTERVAL_MS = 1000

/** Creates a reporter for `label`; `isTTY` decides between a bar and plain lines. */
export function createProgressReporter(options: {
  label: string
  out: (line: string) => void
  write?: (text: string) => void
  isTTY: boolean
  now?: () => number
}): ProgressReporter {
  const now = options.now ?? Date.now
  let lastLineAt = Number.NEGATIVE_INFINITY
  return {
    update(done, total) {
      const fraction = total > 0 ? Math.min(1, done / total) : 1
      const percent = `${Math.floor(fraction * 100)}%`.padStart(4)
      if (options.isTTY && options.write) {
        const filled = Math.round(fraction * BAR_WIDTH)
        options.write(
          `\r${options.label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent} ${done}/${total}`,
        )
      } else if (now() - lastLineAt >= LINE_INTERVAL_MS) {
        lastLineAt = now()
        options.out(`${options.label}: ${done}/${total} (${percent.trim()})`)
      }
    },
    finish(message) {
      if (options.isTTY && options.write) options.write('\n')
      options.out(message)
    },
  }
}
