import { useState } from 'preact/hooks'
import { getJson, send } from '../api.js'
import type { Page, RecordItem } from '../types.js'
import { ConfirmButton, ErrorNote, Field, Section, useAction, useLoad, when } from '../ui.js'

interface Filters {
  namespace: string
  type: string
  entity: string
  after: string
  before: string
}

const NO_FILTERS: Filters = { namespace: '', type: '', entity: '', after: '', before: '' }

/** A date input (YYYY-MM-DD) as the start of that day in UTC. */
function dayStart(value: string): string | undefined {
  return value ? `${value}T00:00:00Z` : undefined
}

/** Browse, search, open (audited), store, delete, and erase a data subject. */
export function RecordsPage() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS)
  const [applied, setApplied] = useState<Filters>(NO_FILTERS)
  const namespaces = useLoad(() => getJson<{ items: Array<{ name: string }> }>('/namespaces'))
  const list = useLoad(
    () =>
      getJson<Page<RecordItem>>('/records', {
        limit: 50,
        namespace: applied.namespace,
        type: applied.type,
        entity: applied.entity,
        created_after: dayStart(applied.after),
        created_before: dayStart(applied.before),
      }),
    [applied],
  )
  const action = useAction()
  const [opened, setOpened] = useState<RecordItem | null>(null)
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<RecordItem[] | null>(null)
  const [store, setStore] = useState({ namespace: '', type: '', content: '', entities: '' })
  const [newNamespace, setNewNamespace] = useState('')
  const [eraseEntity, setEraseEntity] = useState('')
  const [eraseConfirm, setEraseConfirm] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const set = (field: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [field]: value }))

  const open = (id: string) =>
    action.run(async () => {
      setOpened(await getJson<RecordItem>(`/records/${id}`))
    })
  const remove = (id: string) =>
    action.run(async () => {
      await send('DELETE', `/records/${id}`)
      if (opened?.id === id) setOpened(null)
      setMessage('Record deleted.')
      list.reload()
    })
  const search = (event: Event) => {
    event.preventDefault()
    void action.run(async () => {
      const answer = await send<{ items: RecordItem[] }>('POST', '/records/search', {
        query,
        ...(applied.namespace ? { namespaces: [applied.namespace] } : {}),
      })
      setHits(answer.items)
    })
  }
  const storeRecord = (event: Event) => {
    event.preventDefault()
    void action.run(async () => {
      const entities = store.entities
        .split(',')
        .map((e) => e.trim())
        .filter((e) => e !== '')
      const created = await send<{ id: string }>('POST', '/records', {
        namespace: store.namespace,
        content: store.content,
        ...(store.type ? { type: store.type } : {}),
        ...(entities.length ? { entities } : {}),
      })
      setStore((s) => ({ ...s, content: '' }))
      setMessage(`Stored record ${created.id}.`)
      list.reload()
    })
  }
  const createNamespace = (event: Event) => {
    event.preventDefault()
    void action.run(async () => {
      await send('POST', '/namespaces', { name: newNamespace })
      setMessage(`Namespace ${newNamespace} created.`)
      setNewNamespace('')
      namespaces.reload()
    })
  }
  const erase = (event: Event) => {
    event.preventDefault()
    void action.run(async () => {
      const answer = await send<{ deleted: number }>('DELETE', '/records', undefined, { entity: eraseEntity })
      setMessage(`Erased ${answer.deleted} records of ${eraseEntity}.`)
      setEraseEntity('')
      setEraseConfirm('')
      list.reload()
    })
  }

  const rows = (items: RecordItem[], label: string) => (
    <table aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Id</th>
          <th scope="col">Namespace</th>
          <th scope="col">Type</th>
          <th scope="col">Created</th>
          <th scope="col">Expires</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {items.map((record) => (
          <tr key={record.id} data-record-id={record.id}>
            <td>
              <code>{record.id}</code>
            </td>
            <td>{record.namespace}</td>
            <td>{record.type ?? '—'}</td>
            <td>{when(record.created_at)}</td>
            <td>{when(record.expires_at)}</td>
            <td>
              <button type="button" disabled={action.busy} onClick={() => open(record.id)}>
                Open
              </button>
              <ConfirmButton label="Delete" disabled={action.busy} onConfirm={() => remove(record.id)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )

  return (
    <>
      <ErrorNote error={action.error} />
      {message ? (
        <p role="status" class="notice" data-testid="records-message">
          {message}
        </p>
      ) : null}
      <Section title="Browse">
        <form
          class="grid-form"
          onSubmit={(event) => {
            event.preventDefault()
            setApplied(filters)
          }}
        >
          <div class="field">
            <label for="filter-namespace">Namespace</label>
            <select
              id="filter-namespace"
              value={filters.namespace}
              onChange={(e) => set('namespace')((e.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">All namespaces</option>
              {(namespaces.data?.items ?? []).map((ns) => (
                <option key={ns.name} value={ns.name}>
                  {ns.name}
                </option>
              ))}
            </select>
          </div>
          <Field label="Type" name="filter-type" value={filters.type} onInput={set('type')} />
          <Field label="Entity" name="filter-entity" value={filters.entity} onInput={set('entity')} />
          <Field
            label="Created on or after"
            name="filter-after"
            type="date"
            value={filters.after}
            onInput={set('after')}
          />
          <Field
            label="Created before"
            name="filter-before"
            type="date"
            value={filters.before}
            onInput={set('before')}
          />
          <button type="submit">Apply filters</button>
        </form>
        <ErrorNote error={list.error} />
        {rows(list.data?.items ?? [], 'Records')}
      </Section>
      <Section title="Search">
        <form class="grid-form" onSubmit={search}>
          <Field label="Search terms" name="search-query" value={query} onInput={setQuery} required />
          <button type="submit" disabled={action.busy}>
            Search
          </button>
        </form>
        {hits ? (
          <>
            <p role="status" data-testid="search-count">
              {hits.length} matching records
            </p>
            {rows(hits, 'Search results')}
          </>
        ) : null}
      </Section>
      {opened ? (
        <Section title="Record">
          <p class="notice">
            Opening a record decrypts it on the server for this page only. The read is written to the audit
            log when your org audits record reads (off by default; an admin turns it on with PUT
            /v1/audit/settings); stores, updates, deletes and erasures always are.
          </p>
          <dl>
            <dt>Id</dt>
            <dd>{opened.id}</dd>
            <dt>Namespace</dt>
            <dd>{opened.namespace}</dd>
            <dt>Entities</dt>
            <dd>{(opened.entities ?? []).join(', ') || '—'}</dd>
            <dt>Content</dt>
            <dd>
              <pre data-testid="record-content">{opened.content}</pre>
            </dd>
          </dl>
          <button type="button" onClick={() => setOpened(null)}>
            Close record
          </button>
        </Section>
      ) : null}
      <Section title="Store a record">
        <form class="grid-form" onSubmit={storeRecord}>
          <Field
            label="Record namespace"
            name="store-namespace"
            value={store.namespace}
            onInput={(v) => setStore((s) => ({ ...s, namespace: v }))}
            required
          />
          <Field
            label="Record type"
            name="store-type"
            value={store.type}
            onInput={(v) => setStore((s) => ({ ...s, type: v }))}
          />
          <Field
            label="Content"
            name="store-content"
            value={store.content}
            onInput={(v) => setStore((s) => ({ ...s, content: v }))}
            required
          />
          <Field
            label="Entities (comma-separated)"
            name="store-entities"
            value={store.entities}
            onInput={(v) => setStore((s) => ({ ...s, entities: v }))}
          />
          <button type="submit" class="primary" disabled={action.busy}>
            Store record
          </button>
        </form>
        <form class="grid-form" onSubmit={createNamespace}>
          <Field
            label="New namespace"
            name="new-namespace"
            value={newNamespace}
            onInput={setNewNamespace}
            required
          />
          <button type="submit" disabled={action.busy}>
            Create namespace
          </button>
        </form>
      </Section>
      <Section title="Erase a data subject">
        <form class="grid-form" onSubmit={erase}>
          <Field
            label="Entity to erase"
            name="erase-entity"
            value={eraseEntity}
            onInput={setEraseEntity}
            required
          />
          <Field
            label="Type the entity again to confirm"
            name="erase-confirm"
            value={eraseConfirm}
            onInput={setEraseConfirm}
            required
            hint="every record of this entity, in every namespace you reach, is erased for good"
          />
          <button
            type="submit"
            class="danger"
            disabled={action.busy || eraseEntity === '' || eraseConfirm !== eraseEntity}
          >
            Erase records
          </button>
        </form>
      </Section>
    </>
  )
}
