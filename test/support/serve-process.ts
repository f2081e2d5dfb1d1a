import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { resolve } from 'node:path'

/** The built package, as `npm start` and the `coffer` bin run it (npm test builds it first). */
export const BIN = resolve('dist/cli/bin.js')

/**
 * Starts the built `coffer serve` with only PATH and `env`, and resolves with everything it
 * printed on stdout up to the end of its banner, and the URL it listens on.
 */
export function startServe(
  env: Record<string, string>,
  cwd?: string,
): Promise<{ child: ChildProcessWithoutNullStreams; out: string; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    ...(cwd ? { cwd } : {}),
    // Many servers run at once in the suite: each scrape port is a free one unless a test names it.
    env: { PATH: process.env.PATH ?? '', COFFER_METRICS_LISTEN: '127.0.0.1:0', ...env },
  })
  return new Promise((resolvePromise, reject) => {
    let out = ''
    let err = ''
    let started = false
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`serve did not start: ${out}${err}`))
    }, 60_000)
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString()
    })
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const listening = /Coffer listening on (http:\/\/\S+)/.exec(out)
      // The banner ends with the curl hint on a first start, or with the listening line after.
      if (!started && listening && (/Try: curl/.test(out) || !/Created org/.test(out))) {
        started = true // Later output must not resolve again (nor drop a caller's exit listener).
        clearTimeout(timer)
        setTimeout(() => {
          child.removeAllListeners('exit')
          resolvePromise({ child, out, url: listening[1]! })
        }, 200)
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code}: ${out}${err}`))
    })
  })
}

/** Sends `signal` and resolves with the exit code once the process is gone (at once if it already is). */
export function stopServe(
  child: ChildProcessWithoutNullStreams,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> {
  return new Promise((resolvePromise) => {
    child.removeAllListeners('exit')
    if (child.exitCode !== null || child.signalCode !== null) {
      resolvePromise(child.exitCode)
      return
    }
    child.on('exit', (code) => resolvePromise(code))
    child.kill(signal)
  })
}
