import { z } from 'zod'
import { SESSION_COOKIE } from '../../auth/sessions.js'
import { ERROR_STATUS, type ErrorCode } from '../../errors.js'
import { COFFER_VERSION } from '../../internal/version.js'
import { RESPONSE_SCHEMAS } from './response-schemas.js'
import type { DocumentedRoute, ResponseDoc, RouteDoc } from './route-doc.js'

/** The OpenAPI version the document declares. */
export const OPENAPI_VERSION = '3.1.1'

type JsonSchema = Record<string, unknown>

/** Codes any route can answer before or around its handler: transport limits and outages. */
const ANY_ROUTE: readonly ErrorCode[] = [
  'VALIDATION_FAILED',
  'REQUEST_TIMEOUT',
  'HEADERS_TOO_LARGE',
  'INTERNAL',
  'DATABASE_UNAVAILABLE',
]

/** Codes of a request body that Fastify parses (every method but GET). */
const WITH_BODY: readonly ErrorCode[] = ['MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE']

/** Codes of the tenant plane: a token or a session, its scope, its org's state and keys. */
const TENANT: readonly ErrorCode[] = [
  'UNAUTHENTICATED',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_REVOKED',
  'SESSION_INVALID',
  'CSRF_FAILED',
  'INSUFFICIENT_SCOPE',
  'ACCOUNT_SUSPENDED',
  'RATE_LIMITED',
  'KEY_DESTROYED',
  'KEY_UNAVAILABLE',
  'DECRYPTION_FAILED',
]

/** Codes of the operator plane: an operator token and its rate limit. */
const OPERATOR: readonly ErrorCode[] = [
  'UNAUTHENTICATED',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_REVOKED',
  'RATE_LIMITED',
]

const SECURITY_SCHEMES = {
  tenantToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'cf_...',
    description: 'A tenant API token (`cf_...`) with the scope the operation names.',
  },
  operatorToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'cfo_...',
    description: 'An operator token (`cfo_...`, `coffer operator token create`): `/v1/orgs` only.',
  },
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'The session cookie from `POST /v1/auth/login`. A request that changes state also sends the ' +
      'login answer `csrf_token` as the `x-csrf-token` header (scheme `csrfToken`).',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: 'x-csrf-token',
    description: 'The `csrf_token` of the login answer; required with the session cookie on changes.',
  },
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Whether `route` is of the tenant plane, the operator plane, or public. */
function planeOf(route: DocumentedRoute): 'tenant' | 'operator' | 'public' {
  if (route.scope === 'operator') return 'operator'
  return route.scope === undefined ? 'public' : 'tenant'
}

/** `/v1/records/:id` → `/v1/records/{id}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
}

/** A request schema as JSON Schema (input side: defaults make fields optional). */
function inputSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema
  delete json.$schema
  return json
}

/** One parameter per property of a params or query object schema. */
function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return []
  const json = inputSchema(schema)
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((json.required ?? []) as string[])
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    }
  })
}

/** `{ $ref }` to a registered schema, or the schema inlined (output side) when it has no id. */
function outputSchema(schema: z.ZodType): JsonSchema {
  const id = RESPONSE_SCHEMAS.get(schema)?.id
  if (id !== undefined) return { $ref: `#/components/schemas/${id}` }
  const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema
  delete json.$schema
  return json
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No content',
}

/** A success response object. */
function successResponse(status: number, response: ResponseDoc): JsonSchema {
  const description = REASONS[status] ?? 'Success'
  if (response === null) return { description }
  if ('contentType' in response) {
    return {
      description: response.description,
      ...(response.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([name, text]) => [
                name,
                { description: text, schema: { type: 'string' } },
              ]),
            ),
          }
        : {}),
      content: Object.fromEntries(
        [response.contentType]
          .flat()
          .map((type) => [
            type,
            { schema: response.schema ? outputSchema(response.schema) : { type: 'string' } },
          ]),
      ),
    }
  }
  return { description, content: { 'application/json': { schema: outputSchema(response) } } }
}

/** Every code `route` can answer: its plane's, its body's, and its own. */
export function errorCodesOf(route: DocumentedRoute): ErrorCode[] {
  const doc = route.doc
  const codes = new Set<ErrorCode>(ANY_ROUTE)
  if (!SAFE_METHODS.has(route.method)) for (const code of WITH_BODY) codes.add(code)
  const plane = planeOf(route)
  if (plane === 'tenant') for (const code of TENANT) codes.add(code)
  if (plane === 'operator') for (const code of OPERATOR) codes.add(code)
  for (const code of doc?.errors ?? []) codes.add(code)
  return [...codes]
}

/** Problem responses by status, each with the enum of the codes that answer it. */
function problemResponses(route: DocumentedRoute): Record<string, JsonSchema> {
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of errorCodesOf(route)) {
    const status = ERROR_STATUS[code]
    byStatus.set(status, [...(byStatus.get(status) ?? []), code])
  }
  const responses: Record<string, JsonSchema> = {}
  for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    const retry = status === 429 || status === 503
    responses[String(status)] = {
      description: `Problem: ${codes.join(', ')}`,
      ...(retry
        ? { headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'string' } } } }
        : {}),
      content: {
        'application/problem+json': {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/Problem' },
              {
                type: 'object',
                required: ['status', 'code'],
                properties: { status: { const: status }, code: { type: 'string', enum: codes.sort() } },
              },
            ],
          },
        },
      },
    }
  }
  return responses
}

function securityOf(route: DocumentedRoute): JsonSchema[] {
  const override = route.doc?.security
  if (override === 'none') return []
  if (override === 'session') return [{ sessionCookie: [], csrfToken: [] }]
  const plane = planeOf(route)
  if (plane === 'public') return []
  if (plane === 'operator') return [{ operatorToken: [] }]
  const scopes = [route.scope!]
  return SAFE_METHODS.has(route.method)
    ? [{ tenantToken: scopes }, { sessionCookie: scopes }]
    : [{ tenantToken: scopes }, { sessionCookie: scopes, csrfToken: [] }]
}

/** `GET /v1/records/{id}` → `getV1RecordsById`: stable names for generated clients. */
function operationId(method: string, url: string): string {
  const words = url
    .split('/')
    .filter(Boolean)
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part))
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
  return [method.toLowerCase(), ...words.map((word) => word[0]!.toUpperCase() + word.slice(1))].join('')
}

function operationOf(route: DocumentedRoute, doc: RouteDoc): JsonSchema {
  const parameters = [
    ...parametersOf(doc.params, 'path'),
    ...parametersOf(doc.query, 'query'),
    ...Object.entries(doc.headers ?? {}).map(([name, description]) => ({
      name,
      in: 'header',
      required: false,
      description,
      schema: { type: 'string' },
    })),
  ]
  const plane = planeOf(route)
  const tag = route.url.split('/').filter((part) => part && part !== 'v1')[0] ?? 'other'
  return {
    operationId: operationId(route.method, route.url),
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: [tag],
    ...(plane === 'tenant' ? { 'x-coffer-scope': route.scope } : {}),
    ...(plane === 'operator' ? { 'x-coffer-plane': 'operator' } : {}),
    security: securityOf(route),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: doc.bodyOptional !== true,
            content: { 'application/json': { schema: inputSchema(doc.body) } },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(
        Object.entries(doc.responses).map(([status, response]) => [
          status,
          successResponse(Number(status), response),
        ]),
      ),
      ...problemResponses(route),
    },
  }
}

/** Named schemas as `components.schemas`, without the per-schema `$schema` and `$id`. */
function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(RESPONSE_SCHEMAS, {
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: 'any',
  }) as { schemas: Record<string, JsonSchema> }
  for (const schema of Object.values(schemas)) {
    delete schema.$schema
    delete schema.$id
  }
  return schemas
}

/**
 * The OpenAPI 3.1 document of `routes` (the server's, as registered): paths from the routes'
 * `doc` declarations, components from the registered response schemas.
 * @throws INTERNAL naming the first route without a `doc` (a route must never go undocumented)
 */
export function buildOpenApiDocument(routes: readonly DocumentedRoute[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {}
  for (const route of routes) {
    if (route.method === 'HEAD') continue
    const doc = route.doc
    // Undocumented routes are left out here; openapi-every-route.test.ts names them.
    if (!doc) continue
    const path = openApiPath(route.url)
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operationOf(route, doc) }
  }
  const sorted = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)))
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'Coffer API',
      version: COFFER_VERSION,
      description:
        'Self-hosted multi-tenant vault. Every error is application/problem+json with a stable `code`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths: sorted,
    components: { schemas: componentSchemas(), securitySchemes: SECURITY_SCHEMES },
  }
}
