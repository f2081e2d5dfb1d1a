// Writes src/client/openapi-types.ts (exports `paths`, `components`, `operations`) from the OpenAPI
// document the server serves at GET /openapi.json, with openapi-typescript.
// Usage: npm run generate:client            (builds, then writes the file)
//        node scripts/generate-client-types.mjs --check   (exit 1 when the committed file is stale)
// The document comes from a real server built from dist/ on an in-memory PGlite database, so it is
// exactly what `coffer serve` answers; test/http/openapi-client-types.test.ts runs the same check.
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Where the generated types live (the typed client imports them from here). */
export const CLIENT_TYPES_PATH = join(REPO, 'src', 'client', 'openapi-types.ts')

const HEADER = `/**
 * Generated from Coffer's OpenAPI document (GET /openapi.json) by scripts/generate-client-types.mjs
 * with openapi-typescript. Do not edit: run \`npm run generate:client\`; a test fails when this file
 * is not what the generator writes now.
 */
`

/** The TypeScript source of the client types for `document` (an OpenAPI 3.1 object). */
export async function renderClientTypes(document) {
  const ast = await openapiTS(structuredClone(document), { alphabetize: true })
  return `${HEADER}\n${astToString(ast)}`
}

/** The document of a server built from dist/ (run `npm run build` first). */
async function documentFromDist() {
  const dist = (path) => pathToFileURL(join(REPO, 'dist', path)).href
  const { loadConfig } = await import(dist('config/config.js'))
  const { wireCoffer } = await import(dist('app.js'))
  const { openPGlite } = await import(dist('db/pglite-driver.js'))
  const { buildHttpServer } = await import(dist('http/http-server.js'))
  const db = await openPGlite({})
  const config = {
    ...loadConfig({ COFFER_LOG_LEVEL: 'silent' }),
    masterKey: randomBytes(32),
    tokenSecret: randomBytes(32),
  }
  const coffer = await wireCoffer(config, db)
  const http = await buildHttpServer(coffer)
  try {
    const response = await http.inject({ method: 'GET', url: '/openapi.json' })
    if (response.statusCode !== 200) throw new Error(`GET /openapi.json answered ${response.statusCode}`)
    return response.json()
  } finally {
    await http.close()
    await coffer.close()
  }
}

async function main() {
  const check = process.argv.includes('--check')
  const source = await renderClientTypes(await documentFromDist())
  if (check) {
    const committed = readFileSync(CLIENT_TYPES_PATH, 'utf8')
    if (committed !== source) {
      console.error('src/client/openapi-types.ts is stale: run npm run generate:client')
      process.exit(1)
    }
    console.log('src/client/openapi-types.ts is current')
    return
  }
  writeFileSync(CLIENT_TYPES_PATH, source)
  console.log(`wrote ${CLIENT_TYPES_PATH}`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
