import { inspect } from 'node:util'

/**
 * A secret string that redacts itself when printed, logged, inspected or serialised. Only
 * `reveal()` returns the value; call it at the one place that hands it to the library needing it.
 */
export class RedactedString {
  readonly #value: string

  constructor(value: string) {
    this.#value = value
  }

  reveal(): string {
    return this.#value
  }

  toString(): string {
    return '[REDACTED]'
  }

  toJSON(): string {
    return '[REDACTED]'
  }

  [inspect.custom](): string {
    return '[REDACTED]'
  }
}
