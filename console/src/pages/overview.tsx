import { ApiError, getJson } from '../api.js'
import type { KeysInfo, SessionInfo } from '../types.js'
import { bytes, ErrorNote, Section, useLoad, when } from '../ui.js'

interface Usage {
  [field: string]: unknown
}

/** `GET /v1/usage` when this server has it (metering); null when it answers 404. */
async function usageIfMetered(): Promise<Usage | null> {
  try {
    return await getJson<Usage>('/usage')
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null
    throw error
  }
}

/** Org, plan and limits, usage, key versions and rotation, audit verification. */
export function OverviewPage() {
  const { data, error } = useLoad(async () => {
    const [session, keys, usage] = await Promise.all([
      getJson<SessionInfo>('/session'),
      getJson<KeysInfo>('/keys'),
      usageIfMetered(),
    ])
    return { session, keys, usage }
  })
  if (error) return <ErrorNote error={error} />
  if (!data) return <p role="status">Loading…</p>
  const { session, keys, usage } = data
  const active = keys.versions.find((v) => v.state === 'active')
  return (
    <div class="cards">
      <Section title="Org">
        <dl>
          <dt>Name</dt>
          <dd>{session.org.name}</dd>
          <dt>Slug</dt>
          <dd>{session.org.slug}</dd>
          <dt>Signed in as</dt>
          <dd>
            {session.principal.email ?? session.principal.kind} ({session.principal.role ?? 'no role'})
          </dd>
          <dt>Session ends</dt>
          <dd>{when(session.principal.expires_at)}</dd>
        </dl>
      </Section>
      <Section title="Plan and limits">
        <dl>
          <dt>Plan</dt>
          <dd data-testid="plan">{session.org.plan}</dd>
          <dt>Requests per minute</dt>
          <dd>{session.limits.rate_limit_per_minute}</dd>
          <dt>Records</dt>
          <dd>{session.limits.records ?? 'no limit'}</dd>
          <dt>Storage</dt>
          <dd>{session.limits.storage_bytes === null ? 'no limit' : bytes(session.limits.storage_bytes)}</dd>
          <dt>API tokens</dt>
          <dd>{session.limits.max_tokens ?? 'no limit'}</dd>
          <dt>Webhook endpoints</dt>
          <dd>{session.limits.max_webhook_endpoints ?? 'no limit'}</dd>
        </dl>
      </Section>
      <Section title="Usage">
        <dl>
          <dt>Records stored</dt>
          <dd data-testid="records-stored">{session.stored.records}</dd>
          <dt>Bytes stored (ciphertext)</dt>
          <dd>{bytes(session.stored.content_bytes)}</dd>
          {usage
            ? Object.entries(usage)
                .filter(([, value]) => typeof value === 'number' || typeof value === 'string')
                .map(([name, value]) => [
                  <dt key={`${name}-t`}>{name.replace(/_/g, ' ')}</dt>,
                  <dd key={name}>{String(value)}</dd>,
                ])
            : null}
        </dl>
        {usage ? null : <p class="hint">This server does not meter requests.</p>}
      </Section>
      <Section title="Keys">
        <dl>
          <dt>Active version</dt>
          <dd>{active ? `v${active.version}` : 'none'}</dd>
          <dt>Versions</dt>
          <dd>{keys.versions.map((v) => `v${v.version} ${v.state}`).join(', ')}</dd>
          <dt>Rotation</dt>
          <dd>
            {keys.rotation
              ? `to v${keys.rotation.target_version}: ${keys.rotation.envelopes_done} done, ${keys.rotation.envelopes_left} left`
              : 'none running'}
          </dd>
        </dl>
      </Section>
      <Section title="Audit trail">
        <p data-testid="audit-verifies" class={session.audit.verifies ? 'ok' : 'bad'}>
          {session.audit.verifies
            ? `Verifies: ${session.audit.entries} sealed entries recomputed against the signed checkpoints.`
            : `Does not verify: entry ${session.audit.first_bad_seq} (${session.audit.reason}).`}
        </p>
      </Section>
    </div>
  )
}
