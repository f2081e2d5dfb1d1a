import { useState } from 'preact/hooks'
import { getJson, send } from '../api.js'
import type { MemberItem, Page } from '../types.js'
import { ConfirmButton, ErrorNote, Section, useAction, useLoad, when } from '../ui.js'

/** Users and roles; removing a member revokes their tokens and sessions in this org. */
export function MembersPage() {
  const { data, error, reload } = useLoad(() => getJson<Page<MemberItem>>('/members'))
  const action = useAction()
  const [message, setMessage] = useState<string | null>(null)
  const remove = (member: MemberItem) =>
    action.run(async () => {
      await send('DELETE', `/members/${member.user_id}`)
      setMessage(`${member.email} removed: their tokens and sessions in this org are revoked.`)
      reload()
    })
  return (
    <>
      <ErrorNote error={error ?? action.error} />
      {message ? (
        <p role="status" class="notice" data-testid="members-message">
          {message}
        </p>
      ) : null}
      <Section title="Members">
        <p class="hint">New members are added with the CLI: coffer user create.</p>
        <table aria-label="Members">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Member since</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(data?.items ?? []).map((member) => (
              <tr key={member.user_id} data-member-email={member.email}>
                <td>
                  {member.email}
                  {member.is_caller ? ' (you)' : ''}
                  {member.suspended ? ' (suspended)' : ''}
                </td>
                <td>{member.role}</td>
                <td>{when(member.joined_at)}</td>
                <td>
                  {member.is_caller ? null : (
                    <ConfirmButton
                      label="Remove"
                      confirmLabel={`Confirm removing ${member.email}`}
                      disabled={action.busy}
                      onConfirm={() => remove(member)}
                    />
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
