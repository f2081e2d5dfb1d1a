import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ResponseObserver } from '../../src/http/http-server.js'
import { openApiPath } from '../../src/http/openapi/openapi-document.js'

/**
 * Suite-wide contract check: every response an in-process test server sends is validated against
 * the OpenAPI document that same server serves (GET /openapi.json): the route and method must be
 * documented, the status must be one of the operation's, the media type one of the status's, and
 * a JSON body must match its schema (closed objects: an undocumented field is a violation).
 * Violations (route, status, what failed; never a body value) and the number of responses checked
 * go to files in COFFER_TEST_CANARY_DIR; scripts/run-tests.mjs fails the run on any violation.
 */
const DIR = process.env.COFFER_TEST_CANARY_DIR

const DOCUMENT_ID = 'https://coffer.invalid/openapi.json'

// ajv-formats is CommonJS: its default export is the plugin function itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020

type JsonObject = Record<string, unknown>

/** One compiled document: ajv with the document loaded, and validators by JSON pointer. */
interface CompiledDocument {
  document: JsonObject
  ajv: Ajv2020
  validators: Map<string, ValidateFunction>
}

const compiled = new Map<string, CompiledDocument>()

function compiledFor(document: JsonObject): CompiledDocument {
  const key = JSON.stringify(document)
  let entry = compiled.get(key)
  if (!entry) {
    const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true })
    addFormats(ajv)
    ajv.addSchema({ ...structuredClone(document), $id: DOCUMENT_ID })
    entry = { document, ajv, validators: new Map() }
    compiled.set(key, entry)
  }
  return entry
}

const pointerSegment = (segment: string) =>
  encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'))

/** What one response did wrong, or undefined when it matches the document. */
export function contractViolation(
  document: JsonObject,
  exchange: {
    method: string
    /** The matched route's path (`/v1/records/:id`); undefined when no route matched. */
    route: string | undefined
    status: number
    contentType: string | undefined
    body: string | undefined
  },
): string | undefined {
  const { method, status } = exchange
  if (method === 'HEAD' || method === 'OPTIONS') return undefined
  const mediaType = exchange.contentType?.split(';')[0]?.trim().toLowerCase()
  const where = `${method} ${exchange.route ?? '(no route)'} ${status}`
  const doc = compiledFor(document)
  let pointer: string[]
  let content: Record<string, unknown> | undefined
  if (exchange.route === undefined) {
    // No route matched: the server's 404 (or a framework error) must still be a problem document.
    pointer = ['components', 'schemas', 'Problem']
    content = { 'application/problem+json': {} }
  } else {
    const path = openApiPath(exchange.route)
    const operation = ((doc.document.paths as JsonObject)[path] as JsonObject | undefined)?.[
      method.toLowerCase()
    ] as JsonObject | undefined
    if (!operation) return `${where}: the route is not in the document`
    const response = (operation.responses as JsonObject)[String(status)] as JsonObject | undefined
    if (!response) {
      const code = problemCode(exchange.body)
      return `${where}: status not documented for this operation${code ? ` (code ${code})` : ''}`
    }
    content = response.content as Record<string, unknown> | undefined
    pointer = [
      'paths',
      path,
      method.toLowerCase(),
      'responses',
      String(status),
      'content',
      mediaType ?? '',
      'schema',
    ]
  }
  if (!content) {
    return exchange.body ? `${where}: documented without a body, but a body was sent` : undefined
  }
  if (!mediaType || !(mediaType in content)) {
    return `${where}: media type ${mediaType ?? '(none)'} not documented (${Object.keys(content).join(', ')})`
  }
  // JSON bodies only (application/json, application/problem+json); NDJSON and text are not one document.
  if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) return undefined
  if (
    exchange.route !== undefined &&
    problemCode(exchange.body) !== undefined &&
    mediaType === 'application/json'
  ) {
    return `${where}: a problem document sent as application/json`
  }
  let body: unknown
  try {
    body = JSON.parse(exchange.body ?? '')
  } catch {
    return `${where}: the body is not JSON`
  }
  const ref = `${DOCUMENT_ID}#/${pointer.map(pointerSegment).join('/')}`
  let validate = doc.validators.get(ref)
  if (!validate) {
    validate = doc.ajv.compile({ $ref: ref })
    doc.validators.set(ref, validate)
  }
  if (validate(body)) return undefined
  const error = validate.errors?.[0]
  const detail = error
    ? `${error.instancePath || '(body)'} ${error.message ?? 'invalid'}${
        error.params && 'additionalProperty' in error.params
          ? ` (${String(error.params.additionalProperty)})`
          : ''
      }`
    : 'invalid'
  return `${where}: body does not match the schema: ${detail}`
}

/** The `code` of a problem body, when it is one. */
function problemCode(body: string | undefined): string | undefined {
  if (!body?.startsWith('{')) return undefined
  try {
    const parsed = JSON.parse(body) as { code?: unknown; type?: unknown }
    return typeof parsed.code === 'string' && typeof parsed.type === 'string' ? parsed.code : undefined
  } catch {
    return undefined
  }
}

function bodyText(payload: unknown): string | undefined {
  if (typeof payload === 'string') return payload
  if (Buffer.isBuffer(payload)) return payload.toString('utf8')
  return undefined
}

/**
 * A response observer for `buildHttpServer`: checks each response against the server's own
 * document and hands violations to `onViolation` (by default: the suite's violations file).
 */
export function contractObserver(
  onViolation: (violation: string) => void = recordContractViolation,
): ResponseObserver {
  return (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const contentType = reply.getHeader('content-type')
    let violation: string | undefined
    try {
      violation = contractViolation(request.server.openApiDocument(), {
        method: request.method,
        route: request.routeOptions.url,
        status: reply.statusCode,
        contentType: typeof contentType === 'string' ? contentType : undefined,
        body: bodyText(payload),
      })
    } catch (error) {
      // An observer must not throw (the response would fail): a broken check is a violation too.
      violation = `${request.method} ${request.routeOptions.url ?? '(no route)'}: the check failed: ${(error as Error).message}`
    }
    if (DIR) appendFileSync(join(DIR, `contract-checked-${process.pid}.txt`), '1\n')
    if (violation) onViolation(violation)
  }
}

/** Records a violation for scripts/run-tests.mjs (which fails the run), and says it on stderr. */
export function recordContractViolation(violation: string): void {
  console.error(`contract violation: ${violation}`)
  if (DIR) appendFileSync(join(DIR, `contract-violations-${process.pid}.txt`), `${violation}\n`)
}
