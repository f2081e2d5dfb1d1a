import { useState } from 'preact/hooks'
import { getJson, send } from '../api.js'
import type { Page } from '../types.js'
import { ConfirmButton, ErrorNote, Field, OneTimeValue, Section, useAction, useLoad, when } from '../ui.js'

interface Endpoint {
  id: string
  url: string
  event_types: string[]
  description: string
  enabled: boolean
  disabled_reason: string | null
  failing_since: string | null
  created_at: string
}

interface Delivery {
  id: string
  event_type: string
  status: string
  attempts: number
  last_status_code: number | null
  created_at: string
  finished_at: string | null
  log: Array<{
    attempt: number
    attempted_at: string
    status_code: number | null
    error: string | null
    outcome: string
  }>
}

/** An endpoint's delivery log with every attempt; retry the failed ones. */
function Deliveries(props: { endpoint: Endpoint }) {
  const { data, error, reload } = useLoad(() =>
    getJson<Page<Delivery>>(`/webhooks/${props.endpoint.id}/deliveries`, { limit: 50 }),
  )
  const action = useAction()
  const [retried, setRetried] = useState<string | null>(null)
  return (
    <Section title={`Deliveries to ${props.endpoint.url}`}>
      <ErrorNote error={error ?? action.error} />
      <div class="actions">
        <button type="button" onClick={reload}>
          Refresh deliveries
        </button>
        <button
          type="button"
          disabled={action.busy}
          onClick={() =>
            action.run(async () => {
              const answer = await send<Record<string, unknown>>(
                'POST',
                `/webhooks/${props.endpoint.id}/deliveries/retry`,
                {},
              )
              setRetried(`Queued again: ${JSON.stringify(answer)}`)
              reload()
            })
          }
        >
          Retry failed deliveries
        </button>
      </div>
      {retried ? <p role="status">{retried}</p> : null}
      <table aria-label="Deliveries">
        <thead>
          <tr>
            <th scope="col">Delivery</th>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {(data?.items ?? []).map((delivery) => (
            <tr
              key={delivery.id}
              data-delivery-status={delivery.status}
              data-event-type={delivery.event_type}
            >
              <td>
                <code>{delivery.id}</code>
              </td>
              <td>{delivery.event_type}</td>
              <td>{delivery.status}</td>
              <td>
                <ol class="attempts">
                  {delivery.log.map((attempt) => (
                    <li key={attempt.attempt}>
                      {when(attempt.attempted_at)}: {attempt.outcome}
                      {attempt.status_code !== null ? ` (HTTP ${attempt.status_code})` : ''}
                      {attempt.error ? ` — ${attempt.error}` : ''}
                    </li>
                  ))}
                </ol>
              </td>
              <td>{when(delivery.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  )
}

/** Endpoints: create (secret shown once), edit, enable/disable, rotate the secret, ping, deliveries. */
export function WebhooksPage() {
  const { data, error, reload } = useLoad(() => getJson<Page<Endpoint>>('/webhooks', { limit: 100 }))
  const action = useAction()
  const [shown, setShown] = useState<{ title: string; value: string } | null>(null)
  const [url, setUrl] = useState('')
  const [events, setEvents] = useState('*')
  const [description, setDescription] = useState('')
  const [editing, setEditing] = useState<{ id: string; url: string; description: string } | null>(null)
  const [selected, setSelected] = useState<Endpoint | null>(null)
  const [message, setMessage] = useState<string | null>(null)

  const eventList = () =>
    events
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '')
  const create = (event: Event) => {
    event.preventDefault()
    void action.run(async () => {
      const created = await send<Endpoint & { secret: string }>('POST', '/webhooks', {
        url,
        event_types: eventList(),
        ...(description ? { description } : {}),
      })
      setShown({ title: `Signing secret of ${created.url}`, value: created.secret })
      setUrl('')
      setDescription('')
      reload()
    })
  }
  const patch = (endpoint: Endpoint, body: Record<string, unknown>, done: string) =>
    action.run(async () => {
      await send('PATCH', `/webhooks/${endpoint.id}`, body)
      setMessage(done)
      setEditing(null)
      reload()
    })
  const rotate = (endpoint: Endpoint) =>
    action.run(async () => {
      const rotated = await send<{ secret: string }>('POST', `/webhooks/${endpoint.id}/rotate-secret`)
      setShown({ title: `New signing secret of ${endpoint.url}`, value: rotated.secret })
    })
  const ping = (endpoint: Endpoint) =>
    action.run(async () => {
      await send('POST', `/webhooks/${endpoint.id}/test`)
      setMessage(`Test ping queued for ${endpoint.url}.`)
      setSelected(endpoint)
    })
  const remove = (endpoint: Endpoint) =>
    action.run(async () => {
      await send('DELETE', `/webhooks/${endpoint.id}`)
      if (selected?.id === endpoint.id) setSelected(null)
      reload()
    })

  return (
    <>
      {shown ? (
        <OneTimeValue
          title={shown.title}
          value={shown.value}
          note="Give it to the receiver now: it verifies the signatures with it, and Coffer never shows it again."
          onClose={() => setShown(null)}
        />
      ) : null}
      <ErrorNote error={action.error} />
      {message ? (
        <p role="status" class="notice">
          {message}
        </p>
      ) : null}
      <Section title="Add an endpoint">
        <form class="grid-form" onSubmit={create}>
          <Field label="Endpoint URL" name="webhook-url" value={url} onInput={setUrl} required />
          <Field
            label="Event types"
            name="webhook-events"
            value={events}
            onInput={setEvents}
            hint="comma-separated, or * for every event"
          />
          <Field
            label="Description"
            name="webhook-description"
            value={description}
            onInput={setDescription}
          />
          <button type="submit" class="primary" disabled={action.busy}>
            Add endpoint
          </button>
        </form>
      </Section>
      <Section title="Endpoints">
        <ErrorNote error={error} />
        <table aria-label="Endpoints">
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">Events</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(data?.items ?? []).map((endpoint) => (
              <tr key={endpoint.id} data-endpoint-url={endpoint.url}>
                <td>
                  {editing?.id === endpoint.id ? (
                    <form
                      onSubmit={(e) => {
                        e.preventDefault()
                        void patch(
                          endpoint,
                          { url: editing.url, description: editing.description },
                          'Endpoint saved.',
                        )
                      }}
                    >
                      <Field
                        label="URL"
                        name={`edit-url-${endpoint.id}`}
                        value={editing.url}
                        onInput={(v) => setEditing({ ...editing, url: v })}
                      />
                      <Field
                        label="Description"
                        name={`edit-description-${endpoint.id}`}
                        value={editing.description}
                        onInput={(v) => setEditing({ ...editing, description: v })}
                      />
                      <button type="submit">Save</button>
                      <button type="button" onClick={() => setEditing(null)}>
                        Cancel
                      </button>
                    </form>
                  ) : (
                    <>
                      <code>{endpoint.url}</code>
                      {endpoint.description ? <div class="hint">{endpoint.description}</div> : null}
                    </>
                  )}
                </td>
                <td>{endpoint.event_types.join(', ')}</td>
                <td>
                  {endpoint.enabled
                    ? 'enabled'
                    : `disabled${endpoint.disabled_reason ? ` (${endpoint.disabled_reason})` : ''}`}
                  {endpoint.failing_since ? `, failing since ${when(endpoint.failing_since)}` : ''}
                </td>
                <td class="actions">
                  <button type="button" onClick={() => setSelected(endpoint)}>
                    Deliveries
                  </button>
                  <button type="button" disabled={action.busy} onClick={() => ping(endpoint)}>
                    Send test ping
                  </button>
                  <button
                    type="button"
                    onClick={() =>
                      setEditing({ id: endpoint.id, url: endpoint.url, description: endpoint.description })
                    }
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    disabled={action.busy}
                    onClick={() =>
                      patch(
                        endpoint,
                        { enabled: !endpoint.enabled },
                        endpoint.enabled ? 'Endpoint disabled.' : 'Endpoint enabled.',
                      )
                    }
                  >
                    {endpoint.enabled ? 'Disable' : 'Enable'}
                  </button>
                  <button type="button" disabled={action.busy} onClick={() => rotate(endpoint)}>
                    Rotate secret
                  </button>
                  <ConfirmButton label="Delete" disabled={action.busy} onConfirm={() => remove(endpoint)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      {selected ? <Deliveries key={selected.id} endpoint={selected} /> : null}
    </>
  )
}
