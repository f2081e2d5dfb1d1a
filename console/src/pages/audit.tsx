import { useState } from 'preact/hooks'
import { ApiError, getJson, getText } from '../api.js'
import type { AuditItem, SessionInfo } from '../types.js'
import { ErrorNote, Field, Section, useAction, useLoad, when } from '../ui.js'

interface Filters {
  actor: string
  action: string
  resource: string
  since: string
  until: string
}

const NO_FILTERS: Filters = { actor: '', action: '', resource: '', since: '', until: '' }

/** A datetime-local input (no zone) read as UTC. */
function utc(value: string): string | undefined {
  return value ? `${value.length === 16 ? `${value}:00` : value}Z` : undefined
}

async function checkpointOrNone(): Promise<string | null> {
  try {
    return await getText('/audit/checkpoint')
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null
    throw error
  }
}

/** Filter by actor, action, resource and time; entry detail; checkpoint and verification; export. */
export function AuditPage() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  const [applied, setApplied] = useState<Filters>(NO_FILTERS)
  const entries = useLoad(
    () =>
      getJson<{ items: AuditItem[]; next_cursor: number | null }>('/audit', {
        limit: 100,
        actor: applied.actor,
        action: applied.action,
        resource: applied.resource,
        since: utc(applied.since),
        until: utc(applied.until),
      }),
    [applied],
  )
  const trail = useLoad(async () => ({
    checkpoint: await checkpointOrNone(),
    session: await getJson<SessionInfo>('/session'),
  }))
  const download = useAction()
  const [detail, setDetail] = useState<AuditItem | null>(null)
  const set = (field: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [field]: value }))

  const exportBundle = () =>
    download.run(async () => {
      const [bundle, key] = await Promise.all([getText('/audit/export'), getText('/audit/checkpoint-key')])
      const blob = new Blob([bundle], { type: 'application/x-ndjson' })
      const link = document.createElement('a')
      link.href = URL.createObjectURL(blob)
      link.download = 'audit.ndjson'
      link.click()
      URL.revokeObjectURL(link.href)
      const keyBlob = new Blob([key], { type: 'text/plain' })
      const keyLink = document.createElement('a')
      keyLink.href = URL.createObjectURL(keyBlob)
      keyLink.download = 'audit-checkpoint-key.txt'
      keyLink.click()
      URL.revokeObjectURL(keyLink.href)
    })

  return (
    <>
      <Section title="Trail">
        <ErrorNote error={trail.error} />
        {trail.data ? (
          <>
            <p data-testid="audit-verifies" class={trail.data.session.audit.verifies ? 'ok' : 'bad'}>
              {trail.data.session.audit.verifies
                ? `The trail verifies on this server: ${trail.data.session.audit.entries} sealed entries.`
                : `The trail does not verify: entry ${trail.data.session.audit.first_bad_seq} (${trail.data.session.audit.reason}).`}
            </p>
            <h3>Latest signed checkpoint</h3>
            {trail.data.checkpoint ? (
              <pre data-testid="checkpoint">{trail.data.checkpoint}</pre>
            ) : (
              <p>No checkpoint has been signed yet.</p>
            )}
          </>
        ) : null}
        <p class="hint">
          To check it without trusting this server, download the bundle and the checkpoint key and run{' '}
          <code>coffer audit verify</code> (or <code>verifyAuditBundle</code> from coffer/client) against a
          checkpoint you kept.
        </p>
        <ErrorNote error={download.error} />
        <button type="button" disabled={download.busy} onClick={exportBundle}>
          Download export bundle
        </button>
      </Section>
      <Section title="Entries">
        <form
          class="grid-form"
          onSubmit={(event) => {
            event.preventDefault()
            setApplied(filters)
          }}
        >
          <Field label="Actor" name="audit-actor" value={filters.actor} onInput={set('actor')} />
          <Field label="Action" name="audit-action" value={filters.action} onInput={set('action')} />
          <Field label="Resource" name="audit-resource" value={filters.resource} onInput={set('resource')} />
          <Field
            label="Since (UTC)"
            name="audit-since"
            type="datetime-local"
            value={filters.since}
            onInput={set('since')}
          />
          <Field
            label="Until (UTC)"
            name="audit-until"
            type="datetime-local"
            value={filters.until}
            onInput={set('until')}
          />
          <button type="submit">Filter</button>
        </form>
        <ErrorNote error={entries.error} />
        <table aria-label="Audit entries">
          <thead>
            <tr>
              <th scope="col">Seq</th>
              <th scope="col">At</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Resource</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {(entries.data?.items ?? []).map((entry) => (
              <tr key={entry.seq} data-audit-action={entry.action}>
                <td>{entry.seq}</td>
                <td>{when(entry.at)}</td>
                <td>{entry.actor}</td>
                <td>{entry.action}</td>
                <td>{entry.resource}</td>
                <td>
                  <button type="button" onClick={() => setDetail(entry)}>
                    Show entry {entry.seq}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      {detail ? (
        <Section title={`Entry ${detail.seq}`}>
          <dl>
            {Object.entries(detail).map(([name, value]) => [
              <dt key={`${name}-t`}>{name}</dt>,
              <dd key={name}>{value === null ? '—' : String(value)}</dd>,
            ])}
          </dl>
          <button type="button" onClick={() => setDetail(null)}>
            Close entry
          </button>
        </Section>
      ) : null}
    </>
  )
}
