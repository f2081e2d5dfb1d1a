import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { extname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import { CofferError } from '../errors.js'

/**
 * The console's CSP: its own scripts, styles and API only (`'self'`), no inline script or style,
 * no eval, no plugin, no framing, no `<base>`, forms post only here.
 */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

/** Hashed assets never change under their name: a year, immutable. */
export const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

const ASSET_PARAMS = z.object({
  file: z.string().max(200).describe('a file of the bundle, e.g. index-<hash>.js'),
})

interface ConsoleFile {
  body: Buffer
  contentType: string
  cacheControl: string
}

/** Where `npm run build` puts the console: `dist/console/` beside `dist/http/`. */
export const CONSOLE_DIST = fileURLToPath(new URL('../console/', import.meta.url))

function loadFiles(root: string): Map<string, ConsoleFile> {
  const files = new Map<string, ConsoleFile>()
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else {
        const name = relative(root, path).split(sep).join('/')
        const contentType = CONTENT_TYPES[extname(name)]
        if (contentType === undefined) continue
        files.set(name, {
          body: readFileSync(path),
          contentType,
          // Only Vite's content-hashed output under assets/ is cached; index.html is re-fetched.
          cacheControl: name.startsWith('assets/') ? HASHED_ASSET_CACHE : 'no-store',
        })
      }
    }
  }
  walk(root)
  return files
}

function send(reply: FastifyReply, file: ConsoleFile): FastifyReply {
  return reply
    .header('content-security-policy', CONSOLE_CSP)
    .header('cache-control', file.cacheControl)
    .type(file.contentType)
    .send(file.body)
}

/**
 * Serves the web console at `/console` (the page) and `/console/assets/:file` (its hashed
 * scripts and styles) from files read once at start (the built bundle is small
 * and immutable for the life of the process). Nothing here authenticates: the console is static,
 * and every call it makes goes to `/v1` with the session cookie and `x-csrf-token`.
 * @throws (as problem+json) NOT_FOUND for a file the bundle does not have, or when the console
 *   was not built.
 */
export async function registerConsole(app: FastifyInstance, options: { root?: string } = {}): Promise<void> {
  const root = options.root ?? CONSOLE_DIST
  const files = existsSync(join(root, 'index.html')) ? loadFiles(root) : new Map<string, ConsoleFile>()
  const index = (_request: unknown, reply: FastifyReply) => {
    const file = files.get('index.html')
    if (!file) throw new CofferError('NOT_FOUND', 'the console is not built: run npm run build')
    return send(reply, file)
  }
  const page = {
    contentType: 'text/html',
    description: 'The console (its own CSP: scripts and styles from this origin only)',
  }
  const pageDoc = { summary: 'The web console', security: 'none' as const, responses: { 200: page } }
  app.get('/console', { config: { doc: pageDoc } }, index)
  const assetDoc = {
    summary: "The console's content-hashed scripts and styles (cached for a year)",
    security: 'none' as const,
    params: ASSET_PARAMS,
    responses: {
      200: { contentType: ['text/javascript', 'text/css'], description: 'A bundle file' },
    },
    errors: ['NOT_FOUND' as const],
  }
  app.get<{ Params: { file: string } }>(
    '/console/assets/:file',
    { config: { doc: assetDoc } },
    async (request, reply) => {
      // Only names the bundle has: a name with a slash, `..` or an encoding of them finds nothing.
      const file = files.get(`assets/${request.params.file}`)
      if (!file) throw new CofferError('NOT_FOUND', 'no such console file')
      return send(reply, file)
    },
  )
}
