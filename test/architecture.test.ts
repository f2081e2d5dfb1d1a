// Stops: the layering eroding unnoticed — feature code reaching for the admin door (which
// bypasses tenant scope), crypto or keys depending on feature code, something importing the
// outermost HTTP/CLI layers, and vendor SDKs leaking out of their adapters.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')
const SOURCE_EXTENSIONS = /\.(?:[cm]?ts|[cm]?js)$/

/** One import or re-export: who imports what, and whether it is erased at compile time. */
interface ImportEdge {
  /** Importing file, repo-relative with forward slashes (`src/keys/org-keyring.ts`). */
  from: string
  /** The specifier as written. */
  specifier: string
  /** Repo-relative path of the imported file for relative specifiers; undefined for packages. */
  target: string | undefined
  /** `import type` / `export type`: erased, no run-time dependency. */
  typeOnly: boolean
}

/**
 * Static `import ... from`, `export ... from` (possibly across lines), side-effect `import '...'`
 * and dynamic `import('...')`. Statements must start a line, so TSDoc examples do not count.
 * Under `verbatimModuleSyntax`, only `import type` is erased: `import { type X }` still loads the module.
 */
const STATIC_IMPORT = /^[ \t]*(import|export)(\s+type)?\b(?:[^'";]*?\bfrom)?\s*['"]([^'"]+)['"]/gm
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g

/** Parses the import edges out of one file's text (checked on a sample by the self-check below). */
function parseImports(from: string, text: string): ImportEdge[] {
  const edges: ImportEdge[] = []
  const add = (specifier: string, typeOnly: boolean) =>
    edges.push({ from, specifier, target: resolveSpecifier(from, specifier), typeOnly })
  for (const match of text.matchAll(STATIC_IMPORT)) {
    // `export const x = ...` has no specifier and no match; `export * from` and `export {} from` do.
    add(match[3]!, match[2] !== undefined)
  }
  for (const match of text.matchAll(DYNAMIC_IMPORT)) add(match[1]!, false)
  return edges
}

/** `../db/admin-door.js` from `src/auth/api-tokens.ts` → `src/db/admin-door.ts`. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const joined = posix.normalize(posix.join(posix.dirname(from), specifier))
  return joined.replace(/\.([cm]?)js$/, '.$1ts')
}

/** Every source file under `dir`, repo-relative with forward slashes. */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`
    if (entry.isDirectory()) return sourceFiles(path)
    return SOURCE_EXTENSIONS.test(entry.name) ? [path] : []
  })
}

const FILES = sourceFiles('src')
const EDGES = FILES.flatMap((file) => parseImports(file, readFileSync(join(REPO, file), 'utf8')))

/** The package name of a bare specifier: `pg`, `@electric-sql/pglite`, `node:fs`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!
}

const under = (folder: string) => (path: string) => path.startsWith(`${folder}/`)

function describeEdges(edges: ImportEdge[]): string {
  return edges.map((edge) => `  ${edge.from} imports '${edge.specifier}'`).join('\n')
}

/** Fails listing every offending import. */
function assertNoEdges(offending: ImportEdge[], rule: string): void {
  assert.equal(offending.length, 0, `${rule}; offending imports:\n${describeEdges(offending)}`)
}

describe('architecture: the scanner itself', () => {
  it('walks every source file under src/', () => {
    assert.ok(FILES.includes('src/errors.ts'), 'found src/errors.ts')
    assert.ok(FILES.includes('src/db/admin-door.ts'), 'found src/db/admin-door.ts')
    assert.ok(FILES.length > 30, `found only ${FILES.length} files`)
  })

  it('parses multi-line, type-only, re-export, side-effect and dynamic imports', () => {
    const text = [
      "import { a } from './a.js'",
      'import {',
      '  b,',
      '  type B,',
      "} from '../b/b.js'",
      "import type { C } from './c.js'",
      "export { d } from './d.js'",
      "export * from './e.js'",
      "export type { F } from './f.js'",
      "import './g.js'",
      "import pg from 'pg'",
      "import { PGlite } from '@electric-sql/pglite/worker'",
      "const h = await import('./h.js')",
      ' * import { notAnImport } from "./comment.js" — inside TSDoc, ignored',
      'export const i = 1',
    ].join('\n')
    const edges = parseImports('src/x/y.ts', text)
    assert.deepEqual(
      edges.map((edge) => [edge.specifier, edge.target, edge.typeOnly]),
      [
        ['./a.js', 'src/x/a.ts', false],
        ['../b/b.js', 'src/b/b.ts', false],
        ['./c.js', 'src/x/c.ts', true],
        ['./d.js', 'src/x/d.ts', false],
        ['./e.js', 'src/x/e.ts', false],
        ['./f.js', 'src/x/f.ts', true],
        ['./g.js', 'src/x/g.ts', false],
        ['pg', undefined, false],
        ['@electric-sql/pglite/worker', undefined, false],
        ['./h.js', 'src/x/h.ts', false],
      ],
    )
    assert.equal(packageOf('@electric-sql/pglite/worker'), '@electric-sql/pglite')
    assert.equal(packageOf('pg'), 'pg')
    assert.equal(packageOf('pg/lib/client'), 'pg')
  })

  it('every relative import resolves to a file it walked (no unresolved edges hiding a violation)', () => {
    const unresolved = EDGES.filter((edge) => edge.target !== undefined && !FILES.includes(edge.target))
    assertNoEdges(unresolved, 'relative imports must resolve to a file under src/')
  })

  it('finds the kinds of edges the rules below look for', () => {
    const some = (from: (f: string) => boolean, target: (t: string) => boolean, what: string) =>
      assert.ok(
        EDGES.some((e) => from(e.from) && e.target !== undefined && target(e.target)),
        `scanner found no ${what}`,
      )
    some(under('src/keys'), under('src/crypto'), 'src/keys → src/crypto import')
    some(under('src/crypto'), under('src/crypto'), 'import inside src/crypto')
    some((f) => f === 'src/server.ts', under('src/http'), 'src/server.ts → src/http import')
    some(under('src/http'), under('src/http'), 'import inside src/http')
    some(under('src/cli'), under('src/cli'), 'import inside src/cli')
  })
})

describe('architecture: dependency rules', () => {
  const ADMIN_DOOR = 'src/db/admin-door.ts'
  /** The only files allowed past the tenant scope. Adding one is a security review, not a refactor. */
  const ADMIN_DOOR_ALLOW_LIST = [
    'src/auth/api-tokens.ts',
    'src/tenancy/orgs.ts',
    'src/auth/users.ts',
    'src/auth/sessions.ts',
    'src/tenancy/due-work.ts',
    'src/operator/operator-tokens.ts',
    'src/operator/system-audit.ts',
    'src/operator/operator-idempotency.ts',
  ]

  it('only the allow-listed files import the admin door', () => {
    const importers = EDGES.filter((edge) => edge.target === ADMIN_DOOR)
    // Self-check: the scanner sees the known importers, so this rule cannot pass vacuously.
    for (const allowed of ADMIN_DOOR_ALLOW_LIST) {
      assert.ok(
        importers.some((edge) => edge.from === allowed),
        `scanner did not find ${allowed} importing ${ADMIN_DOOR}`,
      )
    }
    assertNoEdges(
      importers.filter((edge) => !ADMIN_DOOR_ALLOW_LIST.includes(edge.from)),
      `only ${ADMIN_DOOR_ALLOW_LIST.join(', ')} may import ${ADMIN_DOOR}`,
    )
  })

  it('src/crypto imports nothing of ours but src/errors.ts and src/internal', () => {
    const inCrypto = under('src/crypto')
    const allowed = (target: string) =>
      inCrypto(target) || target === 'src/errors.ts' || under('src/internal')(target)
    assert.ok(
      EDGES.some((edge) => inCrypto(edge.from)),
      'scanner found src/crypto files',
    )
    assertNoEdges(
      EDGES.filter((edge) => inCrypto(edge.from) && edge.target !== undefined && !allowed(edge.target)),
      'src/crypto may import only src/errors.ts and src/internal/**',
    )
  })

  it('nothing imports src/http except src/http itself and the composition roots', () => {
    const inHttp = under('src/http')
    const compositionRoot = (file: string) => file === 'src/server.ts' || under('src/cli')(file)
    assertNoEdges(
      EDGES.filter(
        (edge) =>
          edge.target !== undefined &&
          inHttp(edge.target) &&
          !inHttp(edge.from) &&
          !compositionRoot(edge.from),
      ),
      'only src/server.ts and src/cli/** may import src/http/**',
    )
  })

  it('nothing outside src/cli imports src/cli', () => {
    const inCli = under('src/cli')
    assertNoEdges(
      EDGES.filter((edge) => edge.target !== undefined && inCli(edge.target) && !inCli(edge.from)),
      'src/cli/** is outermost: nothing outside it may import it',
    )
  })

  it('src/keys imports no feature folder, and src/db only as types', () => {
    const FEATURE_FOLDERS = [
      'src/records',
      'src/secrets',
      'src/auth',
      'src/tenancy',
      'src/audit',
      'src/webhooks',
      'src/privacy',
      'src/http',
      'src/cli',
    ]
    const inKeys = under('src/keys')
    const fromKeys = EDGES.filter((edge) => inKeys(edge.from) && edge.target !== undefined)
    assert.ok(fromKeys.length > 0, 'scanner found imports in src/keys')
    assertNoEdges(
      fromKeys.filter((edge) => FEATURE_FOLDERS.some((folder) => under(folder)(edge.target!))),
      `src/keys may not import ${FEATURE_FOLDERS.join(', ')}`,
    )
    assertNoEdges(
      fromKeys.filter((edge) => under('src/db')(edge.target!) && !edge.typeOnly),
      'src/keys may import src/db/** with `import type` only',
    )
  })

  const VENDOR_SDKS: { sdk: string; allowed: (file: string) => boolean; where: string }[] = [
    {
      sdk: 'pg',
      allowed: (file) => file === 'src/db/pg-driver.ts' || file === 'src/db/pg-batch.ts',
      where: 'src/db/pg-driver.ts and its statement batch, pg-batch.ts',
    },
    {
      sdk: '@electric-sql/pglite',
      allowed: (file) => file === 'src/db/pglite-driver.ts',
      where: 'src/db/pglite-driver.ts',
    },
    { sdk: 'sodium-native', allowed: under('src/crypto'), where: 'src/crypto/**' },
    {
      sdk: 'pkcs11js',
      allowed: (file) => file === 'src/keys/pkcs11-root-provider.ts' || file === 'src/keys/pkcs11-token.ts',
      where: 'src/keys/pkcs11-root-provider.ts and pkcs11-token.ts',
    },
    {
      sdk: 'ioredis',
      allowed: (file) => file === 'src/http/rate-limit/redis-store.ts',
      where: 'src/http/rate-limit/redis-store.ts',
    },
    {
      sdk: '@aws-sdk/client-s3',
      allowed: (file) => file === 'src/archive/archive-bucket.ts',
      where: 'src/archive/archive-bucket.ts',
    },
    {
      sdk: '@aws-sdk/client-kms',
      allowed: (file) => file === 'src/keys/aws-kms-root-provider.ts',
      where: 'src/keys/aws-kms-root-provider.ts',
    },
  ]
  for (const { sdk, allowed, where } of VENDOR_SDKS) {
    it(`the vendor SDK ${sdk} is imported only by ${where}`, () => {
      const users = EDGES.filter((edge) => edge.target === undefined && packageOf(edge.specifier) === sdk)
      assert.ok(users.length > 0, `scanner found no import of ${sdk}`)
      assertNoEdges(
        users.filter((edge) => !allowed(edge.from)),
        `${sdk} may be imported only by ${where}`,
      )
    })
  }
})
