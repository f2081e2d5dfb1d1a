import { useEffect, useState } from 'preact/hooks'
import { ApiError, signIn } from '../api.js'
import { ErrorNote, Field } from '../ui.js'

/** Sign in with Email, Password and Org; the login backoff's Retry-After counts down on the button. */
export function SignInPage(props: { expired: boolean; onSignedIn: () => void }) {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [org, setOrg] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [waitSeconds, setWaitSeconds] = useState(0)
  useEffect(() => {
    if (waitSeconds <= 0) return
    const timer = window.setTimeout(() => setWaitSeconds((s) => s - 1), 1000)
    return () => window.clearTimeout(timer)
  }, [waitSeconds])

  const submit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await signIn({ email, password, org })
      setPassword('')
      props.onSignedIn()
    } catch (e) {
      setError(e)
      if (e instanceof ApiError && e.retryAfter) setWaitSeconds(Math.ceil(e.retryAfter))
    } finally {
      setBusy(false)
    }
  }
  return (
    <main class="sign-in">
      <h1>Sign in to Coffer</h1>
      {props.expired ? (
        <p class="notice" role="status">
          Your session has ended. Sign in again.
        </p>
      ) : null}
      <form onSubmit={submit}>
        <Field
          label="Email"
          name="email"
          type="email"
          value={email}
          onInput={setEmail}
          required
          autocomplete="username"
        />
        <Field
          label="Password"
          name="password"
          type="password"
          value={password}
          onInput={setPassword}
          required
          autocomplete="current-password"
        />
        <Field label="Org" name="org" value={org} onInput={setOrg} required hint="the org's slug" />
        <ErrorNote error={error} />
        {waitSeconds > 0 ? (
          <p class="notice" role="status" data-testid="retry-countdown">
            Too many attempts: try again in {waitSeconds} s.
          </p>
        ) : null}
        <button type="submit" class="primary" disabled={busy || waitSeconds > 0}>
          Sign in
        </button>
      </form>
    </main>
  )
}
