/**
 * A background task run every `intervalMs` (± jitter) in this process: sweepers, in every server
 * instance. The timer is unref'd (it never keeps the process alive), a run never overlaps the
 * previous one (the next is scheduled only when the last has finished), and errors go to
 * `onError` instead of crashing the process.
 */

/** A running periodic task. */
export interface PeriodicTask {
  /** Cancels the next run and waits for the one in progress, if any, to finish. */
  stop(): Promise<void>
}

/** Jitter by default: each wait is the interval ± 20 %, so instances started together drift apart. */
export const DEFAULT_JITTER_RATIO = 0.2

/**
 * Starts running `task` every `intervalMs` (first run after one interval).
 * @param options.jitterRatio each wait is `intervalMs * (1 ± jitterRatio)`, uniformly; 0 to 1.
 * @param options.random a number in [0, 1) (injectable for tests).
 * @throws RangeError for a non-positive interval or a jitter ratio outside [0, 1).
 */
export function startPeriodic(options: {
  intervalMs: number
  task: () => Promise<unknown>
  onError: (error: unknown) => void
  jitterRatio?: number
  random?: () => number
}): PeriodicTask {
  const jitter = options.jitterRatio ?? DEFAULT_JITTER_RATIO
  const random = options.random ?? Math.random
  if (!(options.intervalMs > 0)) throw new RangeError('intervalMs must be positive')
  if (!(jitter >= 0 && jitter < 1)) throw new RangeError('jitterRatio must be in [0, 1)')
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined

  const schedule = () => {
    if (stopped) return
    const waitMs = options.intervalMs * (1 - jitter + 2 * jitter * random())
    timer = setTimeout(run, waitMs)
    timer.unref()
  }
  const run = () => {
    timer = undefined
    running = (async () => {
      try {
        await options.task()
      } catch (error) {
        try {
          options.onError(error)
        } catch {
          // A failing error reporter must not stop the schedule.
        }
      }
    })().finally(() => {
      running = undefined
      schedule()
    })
  }

  schedule()
  return {
    async stop() {
      stopped = true
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      await running
    },
  }
}
