/**
 * What a route declares for the OpenAPI document, next to its `scope`, in its `config`:
 *
 * ```ts
 * app.post('/records', {
 *   config: {
 *     scope: 'records:write',
 *     doc: { summary: 'Store a record', body: STORE_BODY, responses: { 201: RECORD_SUMMARY }, errors: ['NOT_FOUND'] },
 *   },
 * }, handler)
 * ```
 *
 * Adding a route (the convention):
 * - `params`, `query` and `body` are the very zod schemas the handler passes to `parseInput`: one
 *   schema validates the request and describes it, so the two cannot differ.
 * - `responses` names every success status with a zod schema of what the handler really sends
 *   (one from `response-schemas.ts`, registered there with an id so clients get a named type), or
 *   `null` for an empty body (204), or `{ contentType }` for a body that is not JSON.
 * - `errors` lists the codes the route's own code throws (`NOT_FOUND`, `CONFLICT`, ...). The codes
 *   every route of its plane can answer (authentication, scope, validation, rate limit, outage) are
 *   added by the document builder; each status gets a problem+json response whose `code` is the
 *   enum of its codes.
 * - The contract check (test/support/contract-check.ts) validates every response the test suite
 *   receives against the document, and `test/http/openapi-every-route.test.ts` fails for a route
 *   without a `doc`: both fail the run, so a missing or wrong declaration cannot land.
 */
import type { z } from 'zod'
import type { ErrorCode } from '../../errors.js'

/** A success response: a JSON body's schema, `null` for no body, or a body of another media type. */
export type ResponseDoc =
  | z.ZodType
  | null
  | {
      /** One media type, or every one the route may send. */
      contentType: string | readonly string[]
      description: string
      schema?: z.ZodType
      headers?: Record<string, string>
    }

/** How a route is authenticated when it is not derived from its plane (tenant scope, operator). */
export type RouteSecurity = 'none' | 'session'

/** A route's part of the OpenAPI document. */
export interface RouteDoc {
  /** One line for the reference page. */
  summary: string
  /** Longer text (markdown); optional. */
  description?: string
  /** Path parameters: the zod object the handler parses `request.params` with. */
  params?: z.ZodType
  /** Query string: the zod object the handler parses `request.query` with. */
  query?: z.ZodType
  /** JSON body: the zod schema the handler parses `request.body` with. */
  body?: z.ZodType
  /** True when the body may be left out (e.g. rotate with the default grace). */
  bodyOptional?: boolean
  /** Every success status and what it sends. */
  responses: Record<number, ResponseDoc>
  /** Codes this route's own code answers, beyond those of its plane. */
  errors?: readonly ErrorCode[]
  /** Headers the request may carry that matter to the route (name → description). */
  headers?: Record<string, string>
  /** Overrides the security derived from the plane: `none` (public) or `session` (cookie only). */
  security?: RouteSecurity
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's OpenAPI declaration (see route-doc.ts); every route has one. */
    doc?: RouteDoc
  }
}

/** A registered route as the document builder sees it. */
export interface DocumentedRoute {
  method: string
  /** Fastify's path, with its prefix: `/v1/records/:id`. */
  url: string
  /** The tenant scope, `operator` for the operator plane, undefined for public routes. */
  scope: string | undefined
  doc: RouteDoc | undefined
}
