/** Small building blocks every page shares: errors, one-time values, confirmations, loading. */
import type { ComponentChildren } from 'preact'
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { ApiError } from './api.js'

/** An error as the console shows it: the problem code, the detail and the request id, never a stack. */
export function ErrorNote({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null
  const api = error instanceof ApiError ? error : null
  return (
    <div class="error" role="alert">
      <strong>{api ? api.code : 'CLIENT_ERROR'}</strong>: {api ? api.detail : 'the request did not complete'}
      {api?.requestId ? <span class="request-id"> (request id {api.requestId})</span> : null}
    </div>
  )
}

/** Runs an async loader on mount and on `reload()`, with its error. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let live = true
    load()
      .then((value) => {
        if (live) {
          setData(value)
          setError(null)
        }
      })
      .catch((e: unknown) => {
        if (live) setError(e)
      })
    return () => {
      live = false
    }
  }, [tick, ...deps])
  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { data, error, reload }
}

/** Wraps an action: busy while it runs, its error kept for display. */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }, [])
  return { busy, error, run }
}

/**
 * A value shown once (a new token, a webhook signing secret) in a modal dialog with a copy button.
 * Closing it removes the value from the DOM: the dialog is unmounted, not hidden.
 */
export function OneTimeValue(props: { title: string; value: string; note: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  return (
    <dialog
      ref={ref}
      class="one-time"
      aria-labelledby="one-time-title"
      onCancel={(event) => {
        event.preventDefault()
        props.onClose()
      }}
    >
      <h2 id="one-time-title">{props.title}</h2>
      <p>{props.note}</p>
      <p>
        <code class="one-time-value" data-testid="one-time-value">
          {props.value}
        </code>
      </p>
      <div class="actions">
        <button type="button" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" class="primary" onClick={props.onClose}>
          Done, close
        </button>
      </div>
    </dialog>
  )
}

/** A destructive button that asks once more: the first press turns it into "Confirm ...". */
export function ConfirmButton(props: {
  label: string
  confirmLabel?: string
  disabled?: boolean
  onConfirm: () => void
}) {
  const [armed, setArmed] = useState(false)
  if (!armed)
    return (
      <button type="button" class="danger" disabled={props.disabled} onClick={() => setArmed(true)}>
        {props.label}
      </button>
    )
  return (
    <span class="confirm">
      <button
        type="button"
        class="danger"
        disabled={props.disabled}
        onClick={() => {
          setArmed(false)
          props.onConfirm()
        }}
      >
        {props.confirmLabel ?? `Confirm ${props.label.toLowerCase()}`}
      </button>
      <button type="button" onClick={() => setArmed(false)}>
        Cancel
      </button>
    </span>
  )
}

/** A labelled input. */
export function Field(props: {
  label: string
  name: string
  value: string
  onInput: (value: string) => void
  type?: 'text' | 'password' | 'email' | 'number' | 'date' | 'datetime-local'
  required?: boolean
  autocomplete?: string
  placeholder?: string
  hint?: string
}) {
  const id = `field-${props.name}`
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        // Preact types each input type apart; the runtime attribute is the same.
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        required={props.required}
        autocomplete={props.autocomplete ?? 'off'}
        placeholder={props.placeholder}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onInput={(event) => props.onInput((event.currentTarget as HTMLInputElement).value)}
      />
      {props.hint ? (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      ) : null}
    </div>
  )
}

/** A section of a page with its heading. */
export function Section(props: { title: string; children: ComponentChildren }) {
  const id = `section-${props.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{props.title}</h2>
      {props.children}
    </section>
  )
}

/** A date for people: ISO in UTC, to the second; a dash for none. */
export function when(value: string | null | undefined): string {
  if (!value) return '—'
  return `${value.slice(0, 19).replace('T', ' ')} UTC`
}

/** Bytes for people. */
export function bytes(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  if (value < 1024) return `${value} B`
  if (value < 1024 * 1024) return `${(value / 1024).toFixed(1)} KiB`
  return `${(value / 1024 / 1024).toFixed(1)} MiB`
}
