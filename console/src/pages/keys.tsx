import { useEffect } from 'preact/hooks'
import { getJson, send } from '../api.js'
import type { KeysInfo } from '../types.js'
import { ErrorNote, Section, useAction, useLoad, when } from '../ui.js'

/** Key versions and their state; start a rotation and watch it (destroying keys stays in the CLI). */
export function KeysPage() {
  const { data, error, reload } = useLoad(() => getJson<KeysInfo>('/keys'))
  const action = useAction()
  const running = data?.rotation ?? null
  // While a rotation runs, ask again every second.
  useEffect(() => {
    if (!running) return
    const timer = window.setTimeout(reload, 1000)
    return () => window.clearTimeout(timer)
  }, [running, reload])
  const total = running ? running.envelopes_done + running.envelopes_left : 0
  return (
    <>
      <ErrorNote error={error ?? action.error} />
      <Section title="Rotation">
        {running ? (
          <>
            <p role="status" data-testid="rotation-state">
              Rotating to v{running.target_version}: {running.envelopes_done} of {total} envelopes
              re-encrypted.
            </p>
            <progress
              max={Math.max(total, 1)}
              value={running.envelopes_done}
              aria-label="Rotation progress"
            />
          </>
        ) : (
          <p role="status" data-testid="rotation-state">
            No rotation running.
          </p>
        )}
        <p class="hint">
          A new version takes every write at once; older envelopes are re-encrypted in the background and
          reads never fail meanwhile. Destroying keys (crypto-shredding) is done with the CLI only.
        </p>
        <button
          type="button"
          class="primary"
          disabled={action.busy || running !== null}
          onClick={() =>
            action.run(async () => {
              await send('POST', '/keys/rotate')
              reload()
            })
          }
        >
          Start rotation
        </button>
      </Section>
      <Section title="Versions">
        <table aria-label="Key versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">State</th>
              <th scope="col">Envelopes</th>
              <th scope="col">Created</th>
              <th scope="col">Destroyed</th>
            </tr>
          </thead>
          <tbody>
            {(data?.versions ?? []).map((v) => (
              <tr key={v.version} data-key-version={v.version} data-key-state={v.state}>
                <td>v{v.version}</td>
                <td>{v.state}</td>
                <td>{v.envelopes}</td>
                <td>{when(v.created_at)}</td>
                <td>{when(v.destroyed_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  )
}
