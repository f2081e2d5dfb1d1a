/** Progress of a long job: a bar redrawn in place on a terminal, plain lines otherwise. */
export interface ProgressReporter {
  update(done: number, total: number): void
  finish(message: string): void
}

const BAR_WIDTH = 30
/** Plain lines are printed at most this often, so a log is not flooded. */
const LINE_INTERVAL_MS = 1000

/** `0:42`, `12:05`, `3:04:05`. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds))
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = String(whole % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/**
 * ` 120/s, ETA 0:42` from what was done since the first update; empty until time has passed and
 * something was done (no rate can be told yet).
 */
function rateAndEta(done: number, total: number, elapsedMs: number): string {
  if (elapsedMs <= 0 || done <= 0) return ''
  const perSecond = (done / elapsedMs) * 1000
  const rate = perSecond >= 10 ? Math.round(perSecond).toString() : perSecond.toFixed(1)
  return `, ${rate}/s, ETA ${formatDuration(Math.max(0, total - done) / perSecond)}`
}

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
  let startedAt: number | undefined
  let doneAtStart = 0
  return {
    update(done, total) {
      if (startedAt === undefined) {
        startedAt = now()
        doneAtStart = done
      }
      const speed = rateAndEta(done - doneAtStart, total - doneAtStart, now() - startedAt)
      const fraction = total > 0 ? Math.min(1, done / total) : 1
      const percent = `${Math.floor(fraction * 100)}%`.padStart(4)
      if (options.isTTY && options.write) {
        const filled = Math.round(fraction * BAR_WIDTH)
        options.write(
          `\r${options.label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent} ${done}/${total}${speed}\x1b[K`,
        )
      } else if (now() - lastLineAt >= LINE_INTERVAL_MS) {
        lastLineAt = now()
        options.out(`${options.label}: ${done}/${total} (${percent.trim()}${speed})`)
      }
    },
    finish(message) {
      if (options.isTTY && options.write) options.write('\n')
      options.out(message)
    },
  }
}
