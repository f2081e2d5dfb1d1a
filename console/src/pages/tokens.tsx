import { useState } from 'preact/hooks'
import { getJson, send } from '../api.js'
import type { Page, TokenItem } from '../types.js'
import { ConfirmButton, ErrorNote, Field, OneTimeValue, Section, useAction, useLoad, when } from '../ui.js'

const SCOPES = ['records:read', 'records:write', 'secrets:write', 'secrets:resolve', 'audit:read', 'admin']

function optionalInt(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value)
}

/** Create (within the creator's reach: the server refuses more), rotate with a grace period, revoke. */
export function TokensPage() {
  const { data, error, reload } = useLoad(() => getJson<Page<TokenItem>>('/tokens', { limit: 100 }))
  const action = useAction()
  const [shown, setShown] = useState<{ title: string; value: string } | null>(null)
  const [name, setName] = useState('')
  const [scopes, setScopes] = useState<string[]>(['records:read'])
  const [namespace, setNamespace] = useState('')
  const [agent, setAgent] = useState('')
  const [expires, setExpires] = useState('')
  const [limit, setLimit] = useState('')
  const [grace, setGrace] = useState('3600')

  const create = (event: Event) => {
    event.preventDefault()
    void action.run(async () => {
      const created = await send<{ token: string; name: string }>('POST', '/tokens', {
        name,
        scopes,
        ...(namespace ? { namespace } : {}),
        ...(agent ? { agent } : {}),
        ...(optionalInt(expires) !== undefined ? { expires_in_seconds: optionalInt(expires) } : {}),
        ...(optionalInt(limit) !== undefined ? { rate_limit_per_minute: optionalInt(limit) } : {}),
      })
      setShown({ title: `New token "${created.name}"`, value: created.token })
      setName('')
      reload()
    })
  }
  const rotate = (token: TokenItem) =>
    action.run(async () => {
      const rotated = await send<{ token: string }>('POST', `/tokens/${token.id}/rotate`, {
        grace_seconds: Number(grace),
      })
      setShown({ title: `Rotated token "${token.name}"`, value: rotated.token })
      reload()
    })
  const revoke = (token: TokenItem) =>
    action.run(async () => {
      await send('DELETE', `/tokens/${token.id}`)
      reload()
    })

  return (
    <>
      {shown ? (
        <OneTimeValue
          title={shown.title}
          value={shown.value}
          note="Copy it now: Coffer stores only its hash and will never show it again."
          onClose={() => setShown(null)}
        />
      ) : null}
      <ErrorNote error={action.error} />
      <Section title="Create a token">
        <form onSubmit={create} class="grid-form">
          <Field label="Name" name="token-name" value={name} onInput={setName} required />
          <fieldset>
            <legend>Scopes</legend>
            {SCOPES.map((scope) => (
              <label key={scope} class="check">
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(e) =>
                    setScopes((now) =>
                      (e.currentTarget as HTMLInputElement).checked
                        ? [...now, scope]
                        : now.filter((s) => s !== scope),
                    )
                  }
                />
                {scope}
              </label>
            ))}
          </fieldset>
          <Field
            label="Namespace (optional)"
            name="token-namespace"
            value={namespace}
            onInput={setNamespace}
          />
          <Field label="Agent (optional)" name="token-agent" value={agent} onInput={setAgent} />
          <Field
            label="Expires in seconds (optional)"
            name="token-expires"
            type="number"
            value={expires}
            onInput={setExpires}
          />
          <Field
            label="Rate limit per minute (optional)"
            name="token-limit"
            type="number"
            value={limit}
            onInput={setLimit}
          />
          <button type="submit" class="primary" disabled={action.busy}>
            Create token
          </button>
        </form>
      </Section>
      <Section title="Tokens">
        <Field
          label="Rotation grace period (seconds)"
          name="grace"
          type="number"
          value={grace}
          onInput={setGrace}
          hint="the old token keeps working this long after a rotation"
        />
        <ErrorNote error={error} />
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scopes</th>
              <th scope="col">Namespace / agent</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(data?.items ?? []).map((token) => (
              <tr key={token.id} data-token-name={token.name}>
                <td>{token.name}</td>
                <td>{token.scopes.join(', ')}</td>
                <td>
                  {token.namespace ?? 'any'} / {token.agent ?? 'none'}
                </td>
                <td>{when(token.expires_at)}</td>
                <td>{when(token.last_used_at)}</td>
                <td>{token.revoked_at ? `revoked ${when(token.revoked_at)}` : 'live'}</td>
                <td>
                  {token.revoked_at ? null : (
                    <>
                      <button type="button" disabled={action.busy} onClick={() => rotate(token)}>
                        Rotate
                      </button>
                      <ConfirmButton label="Revoke" disabled={action.busy} onConfirm={() => revoke(token)} />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  )
}
