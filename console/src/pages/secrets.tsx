import { useState } from 'preact/hooks'
import { getJson, send } from '../api.js'
import type { Page, SecretItem } from '../types.js'
import { ConfirmButton, ErrorNote, Field, Section, useAction, useLoad, when } from '../ui.js'

/** Write-only vendor secrets: put a new value (never echoed), verify now, delete. No reveal. */
export function SecretsPage() {
  const { data, error, reload } = useLoad(() => getJson<Page<SecretItem>>('/secrets', { limit: 100 }))
  const action = useAction()
  const [kind, setKind] = useState('')
  const [value, setValue] = useState('')
  const [verifyUrl, setVerifyUrl] = useState('')
  const [result, setResult] = useState<string | null>(null)

  const put = (event: Event) => {
    event.preventDefault()
    const sent = value
    // The field is emptied before the request: the value lives in the DOM no longer than needed.
    setValue('')
    void action.run(async () => {
      const stored = await send<{ kind: string; last4: string | null }>('PUT', `/secrets/${kind}`, {
        value: sent,
        ...(verifyUrl ? { verify_url: verifyUrl } : {}),
      })
      setResult(`Stored ${stored.kind}${stored.last4 ? ` (ends in ${stored.last4})` : ''}.`)
      reload()
    })
  }
  const verify = (secret: SecretItem) =>
    action.run(async () => {
      const answer = await send<{ verify_status: string; reason?: string }>(
        'POST',
        `/secrets/${secret.kind}/verify`,
      )
      setResult(`${secret.kind}: ${answer.verify_status}${answer.reason ? ` (${answer.reason})` : ''}`)
      reload()
    })
  const remove = (secret: SecretItem) =>
    action.run(async () => {
      await send('DELETE', `/secrets/${secret.kind}`)
      setResult(`Deleted ${secret.kind}.`)
      reload()
    })

  return (
    <>
      <ErrorNote error={action.error} />
      {result ? (
        <p role="status" class="notice" data-testid="secret-result">
          {result}
        </p>
      ) : null}
      <Section title="Put a secret">
        <form onSubmit={put} class="grid-form">
          <Field
            label="Kind"
            name="secret-kind"
            value={kind}
            onInput={setKind}
            required
            hint="e.g. openai_key"
          />
          <Field
            label="Value"
            name="secret-value"
            type="password"
            value={value}
            onInput={setValue}
            required
            autocomplete="new-password"
            hint="write-only: Coffer never shows it again"
          />
          <Field
            label="Verify URL (optional)"
            name="secret-verify-url"
            value={verifyUrl}
            onInput={setVerifyUrl}
          />
          <button type="submit" class="primary" disabled={action.busy}>
            Save secret
          </button>
        </form>
      </Section>
      <Section title="Secrets">
        <ErrorNote error={error} />
        <table>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Last 4</th>
              <th scope="col">Verify status</th>
              <th scope="col">Last verified</th>
              <th scope="col">Last used</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(data?.items ?? []).map((secret) => (
              <tr key={secret.kind} data-secret-kind={secret.kind}>
                <td>{secret.kind}</td>
                <td>{secret.last4 ?? '—'}</td>
                <td>{secret.verify_status}</td>
                <td>{when(secret.last_verified_at)}</td>
                <td>{when(secret.last_used_at)}</td>
                <td>
                  <button type="button" disabled={action.busy} onClick={() => verify(secret)}>
                    Verify now
                  </button>
                  <ConfirmButton label="Delete" disabled={action.busy} onConfirm={() => remove(secret)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  )
}
