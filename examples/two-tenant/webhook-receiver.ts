/**
 * A webhook receiver as an app would run it: a loopback HTTP server that verifies every delivery
 * with `verifyWebhook` (answering 400 to anything unsigned) and hands verified events to a callback.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  type CofferWebhookEvent,
  type CofferWebhookEventType,
  verifyWebhook,
  WebhookVerificationError,
} from 'coffer/client'

/** The event of one type: `data` is typed for it. */
export type EventOf<T extends CofferWebhookEventType> = Extract<CofferWebhookEvent, { type: T }>

export interface WebhookReceiver {
  url: string
  /** Resolves with the first verified event of `type` whose data `where` accepts. */
  waitFor<T extends CofferWebhookEventType>(
    type: T,
    where?: (data: EventOf<T>['data']) => boolean,
  ): Promise<EventOf<T>>
  /** Deliveries refused, by reason (a forged one shows up here). */
  refused: string[]
  close(): Promise<void>
}

/** Starts a receiver on 127.0.0.1; `secret()` is read per request (the endpoint's secret comes later). */
export async function startWebhookReceiver(secret: () => string | undefined): Promise<WebhookReceiver> {
  const events: CofferWebhookEvent[] = []
  const waiters: Array<() => void> = []
  const refused: string[] = []
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const key = secret()
      try {
        if (key === undefined) throw new WebhookVerificationError('no_matching_signature')
        events.push(verifyWebhook(Buffer.concat(chunks), request.headers, key))
        for (const wake of waiters.splice(0)) wake()
        response.writeHead(204).end()
      } catch (error) {
        if (!(error instanceof WebhookVerificationError)) throw error
        refused.push(error.reason)
        response.writeHead(400).end()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/coffer-webhooks`,
    refused,
    async waitFor<T extends CofferWebhookEventType>(type: T, where?: (data: EventOf<T>['data']) => boolean) {
      const matches = (event: CofferWebhookEvent): event is EventOf<T> =>
        event.type === type && (where === undefined || where(event.data as EventOf<T>['data']))
      for (;;) {
        const found = events.find(matches)
        if (found) return found
        await new Promise<void>((resolve) => waiters.push(resolve))
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
