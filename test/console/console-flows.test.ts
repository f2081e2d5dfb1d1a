/**
 * The web console in a real browser (Debian's chromium, headless, through playwright-core) against
 * a real `coffer serve` (the built bin) on PGlite: every page's main flow, the CSP of every console
 * response, no token or secret left in the DOM or in any storage readable by script, a cross-site
 * form post refused for want of the CSRF token, and no serious or critical axe-core violation.
 * Screenshots of every page go to docs/console/.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { main } from '../../src/cli/main.js'
import { CONSOLE_CSP, HASHED_ASSET_CACHE } from '../../src/http/console-static.js'
import { recordSecret } from '../support/leak-canary.js'
import { startServe, stopServe } from '../support/serve-process.js'
import { skipUnlessInstalled } from '../support/system-packages.js'

const CHROMIUM = '/usr/bin/chromium'
const SKIP = skipUnlessInstalled({
  name: 'chromium',
  install: 'apt-get install chromium',
  files: [CHROMIUM],
})
const SCREENSHOTS = resolve('docs/console')
const AXE_SOURCE = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8')
const OWNER = { email: 'alice@example.com', password: 'correct horse battery staple' }
const MEMBER = { email: 'bob@example.com', password: 'another long enough password' }
const ORG = 'acme'

interface Received {
  path: string
  headers: IncomingMessage['headers']
  body: string
}

/** A loopback receiver: webhook deliveries, a verify URL that accepts, and a hostile page. */
function startReceiver(
  cofferUrl: () => string,
): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    request.on('end', () => {
      if (request.url === '/evil') {
        // Another origin's page that posts a form to Coffer: the browser sends the cookie, not the CSRF token.
        response.writeHead(200, { 'content-type': 'text/html' })
        response.end(
          `<!doctype html><html lang="en"><title>evil</title><form method="post" action="${cofferUrl()}/v1/tokens" enctype="text/plain"><input name='{"name":"evil","scopes":["admin"],"x":"' value='"}'><button id="go" type="submit">go</button></form></html>`,
        )
        return
      }
      received.push({ path: request.url ?? '', headers: request.headers, body })
      response.writeHead(200, { 'content-type': 'text/plain' })
      response.end('ok')
    })
  })
  return new Promise((resolvePromise) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolvePromise({ server, url: `http://127.0.0.1:${port}`, received })
    })
  })
}

async function cli(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<string[]> {
  const lines: string[] = []
  const code = await main(argv, { env, out: (line) => lines.push(line) })
  assert.equal(code, 0, `coffer ${argv.join(' ')}: ${lines.join('\n')}`)
  return lines
}

/** Polls `check` until it holds (a wait, not a timed assertion: the bound only stops a hang). */
async function eventually(what: string, check: () => Promise<boolean> | boolean, tries = 300): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  assert.fail(`never happened: ${what}`)
}

describe('web console in chromium against coffer serve (PGlite)', { skip: SKIP }, () => {
  let dataDir: string
  let serve: Awaited<ReturnType<typeof startServe>>
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let base = ''
  const consoleResponses: Array<{
    url: string
    status: number
    csp: string | undefined
    cache: string | undefined
  }> = []
  const cspViolations: string[] = []
  const axeFindings: string[] = []
  /** Pages axe-core ran on, with how many rules it passed there (proof it ran at all). */
  const axeRuns = new Map<string, number>()
  /** Every one-time value the run saw: none may stay in the DOM or any storage. */
  const shownOnce: string[] = []

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'coffer-console-'))
    const env = {
      COFFER_MASTER_KEY: randomBytes(32).toString('base64'),
      COFFER_TOKEN_SECRET: randomBytes(32).toString('base64'),
      COFFER_DATA_DIR: dataDir,
      COFFER_LISTEN: '127.0.0.1:0',
      COFFER_METRICS_LISTEN: '127.0.0.1:0',
      COFFER_LOG_LEVEL: 'warn',
    }
    await cli(env, 'org', 'create', ORG, '--json')
    await cli(
      { ...env, COFFER_NEW_USER_PASSWORD: OWNER.password },
      'user',
      'create',
      OWNER.email,
      '--org',
      ORG,
      '--role',
      'owner',
    )
    await cli(
      { ...env, COFFER_NEW_USER_PASSWORD: MEMBER.password },
      'user',
      'create',
      MEMBER.email,
      '--org',
      ORG,
      '--role',
      'admin',
    )
    receiver = await startReceiver(() => base)
    serve = await startServe(env)
    base = serve.url
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] })
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    page = await context.newPage()
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/console')) {
        const headers = response.headers()
        consoleResponses.push({
          url: response.url(),
          status: response.status(),
          csp: headers['content-security-policy'],
          cache: headers['cache-control'],
        })
      }
    })
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/.test(message.text())) cspViolations.push(message.text())
    })
    mkdirSync(SCREENSHOTS, { recursive: true })
  })

  after(async () => {
    await browser?.close()
    if (serve) await stopServe(serve.child)
    receiver?.server.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  /** axe-core in the page (evaluated through the debugging protocol: the page's CSP stays as served). */
  async function checkAccessibility(name: string): Promise<void> {
    await page.evaluate(AXE_SOURCE)
    // Browser-side code as a string: this file is type-checked without the DOM library.
    const { passes, violations } = (await page.evaluate(`axe.run(document).then((result) => ({
      passes: result.passes.length,
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
      })),
    }))`)) as { passes: number; violations: Array<{ id: string; impact: string | null; targets: string[] }> }
    axeRuns.set(name, passes)
    for (const v of violations) {
      if (v.impact === 'serious' || v.impact === 'critical')
        axeFindings.push(`${name}: ${v.id} (${v.impact}) ${v.targets.join(' ')}`)
    }
  }

  async function visit(heading: string): Promise<void> {
    await page.getByRole('link', { name: heading, exact: true }).click()
    await page.getByRole('heading', { level: 1, name: heading }).waitFor()
  }

  async function snapshot(name: string): Promise<void> {
    await checkAccessibility(name)
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
  }

  /** The value shown once by the open dialog; closes it and checks it left the DOM. */
  async function takeOneTimeValue(): Promise<string> {
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    const value = (await dialog.getByTestId('one-time-value').textContent()) ?? ''
    assert.ok(value.length >= 20, 'a one-time value is shown')
    shownOnce.push(value)
    recordSecret(value)
    await dialog.getByRole('button', { name: 'Done, close' }).click()
    await dialog.waitFor({ state: 'detached' })
    assert.equal(
      (await page.content()).includes(value),
      false,
      'the value left the DOM when the dialog closed',
    )
    return value
  }

  async function assertNothingStored(): Promise<void> {
    const stored = (await page.evaluate(`({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
      dom: document.documentElement.outerHTML,
      inputs: [...document.querySelectorAll('input')].map((input) => input.value).join('|'),
    })`)) as Record<string, string>
    assert.equal(stored.local, '{}', 'localStorage is empty')
    assert.equal(stored.session, '{}', 'sessionStorage is empty')
    assert.equal(stored.cookie, '', 'no cookie is readable by script (the session cookie is HttpOnly)')
    for (const value of shownOnce) {
      for (const [where, text] of Object.entries(stored)) {
        assert.equal(text.includes(value), false, `a one-time value or secret is in ${where}`)
      }
    }
  }

  it('signs in with Email, Password and Org and shows the Overview', async () => {
    await page.goto(`${base}/console`)
    await page.getByRole('heading', { name: 'Sign in to Coffer' }).waitFor()
    await snapshot('sign-in')
    await page.getByLabel('Email', { exact: true }).fill(OWNER.email)
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password)
    await page.getByLabel('Org', { exact: true }).fill(ORG)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor()
    await page.getByTestId('audit-verifies').waitFor()
    assert.equal(await page.getByTestId('plan').textContent(), 'free')
    assert.match((await page.getByTestId('audit-verifies').textContent()) ?? '', /^Verifies/)
    await snapshot('overview')
    await assertNothingStored()
  })

  it('Tokens: creates a token shown once, then revokes it', async () => {
    await visit('Tokens')
    await page.getByLabel('Name', { exact: true }).fill('ci-reader')
    await page.getByRole('button', { name: 'Create token' }).click()
    const token = await takeOneTimeValue()
    assert.match(token, /^cf_/)
    const row = page.locator('tr[data-token-name="ci-reader"]')
    await row.waitFor()
    const works = await fetch(`${base}/v1/records`, { headers: { authorization: `Bearer ${token}` } })
    assert.equal(works.status, 200, 'the new token works')
    await row.getByRole('button', { name: 'Revoke' }).click()
    await row.getByRole('button', { name: 'Confirm revoke' }).click()
    await row.getByText(/^revoked/).waitFor()
    const refused = await fetch(`${base}/v1/records`, { headers: { authorization: `Bearer ${token}` } })
    assert.equal(((await refused.json()) as { code: string }).code, 'TOKEN_REVOKED')
    await snapshot('tokens')
    await assertNothingStored()
  })

  it('Vendor secrets: puts a value (never echoed) and verifies it', async () => {
    await visit('Vendor secrets')
    const value = `sk-${randomBytes(24).toString('hex')}`
    shownOnce.push(value)
    recordSecret(value)
    await page.getByLabel('Kind', { exact: true }).fill('openai_key')
    await page.getByLabel('Value', { exact: true }).fill(value)
    await page.getByRole('button', { name: 'Save secret' }).click()
    const row = page.locator('tr[data-secret-kind="openai_key"]')
    await row.waitFor()
    assert.equal(await row.locator('td').nth(1).textContent(), value.slice(-4), 'last4 shown')
    await row.getByRole('button', { name: 'Verify now' }).click()
    await page.getByTestId('secret-result').getByText('openai_key: valid').waitFor()
    await row.getByText('valid', { exact: true }).waitFor()
    await snapshot('secrets')
    await assertNothingStored()
  })

  it('Records: stores, searches, opens and erases by entity with a typed confirmation', async () => {
    await visit('Records')
    await page.getByLabel('New namespace').fill('memories')
    await page.getByRole('button', { name: 'Create namespace' }).click()
    await page.getByTestId('records-message').getByText('Namespace memories created.').waitFor()
    for (const content of ['likes green tea in the morning', 'prefers window seats']) {
      await page.getByLabel('Record namespace').fill('memories')
      await page.getByLabel('Content', { exact: true }).fill(content)
      await page.getByLabel('Entities (comma-separated)').fill('user-42')
      await page.getByRole('button', { name: 'Store record' }).click()
      await page
        .getByTestId('records-message')
        .getByText(/^Stored record/)
        .waitFor()
    }
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await eventually(
      'two records listed',
      async () => (await page.locator('table[aria-label="Records"] tbody tr').count()) === 2,
    )
    await page.getByLabel('Search terms').fill('tea')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.getByTestId('search-count').getByText('1 matching records').waitFor()
    await page
      .locator('table[aria-label="Search results"] tbody tr')
      .getByRole('button', { name: 'Open' })
      .click()
    assert.equal(await page.getByTestId('record-content').textContent(), 'likes green tea in the morning')
    await snapshot('records')
    await page.getByRole('button', { name: 'Close record' }).click()
    await page.getByLabel('Entity to erase').fill('user-42')
    const erase = page.getByRole('button', { name: 'Erase records' })
    assert.equal(await erase.isDisabled(), true, 'erasing waits for the typed confirmation')
    await page.getByLabel('Type the entity again to confirm').fill('user-4')
    assert.equal(await erase.isDisabled(), true, 'a wrong confirmation does not arm it')
    await page.getByLabel('Type the entity again to confirm').fill('user-42')
    await erase.click()
    await page.getByTestId('records-message').getByText('Erased 2 records of user-42.').waitFor()
    await eventually(
      'no record listed',
      async () => (await page.locator('table[aria-label="Records"] tbody tr').count()) === 0,
    )
  })

  it('Webhooks: creates an endpoint (secret shown once), sends a ping, and the delivery arrives', async () => {
    await visit('Webhooks')
    const hook = `${receiver.url}/hook`
    await page.getByLabel('Endpoint URL').fill(hook)
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const secret = await takeOneTimeValue()
    assert.match(secret, /^whsec_/)
    const row = page.locator(`tr[data-endpoint-url="${hook}"]`)
    await row.waitFor()
    await row.getByRole('button', { name: 'Send test ping' }).click()
    await eventually('the ping reached the receiver', () =>
      receiver.received.some((r) => r.path === '/hook' && typeof r.headers['webhook-id'] === 'string'),
    )
    const ping = receiver.received.find((r) => r.path === '/hook')!
    assert.match(String(ping.headers['webhook-signature']), /^v1,/)
    await eventually('the delivery log shows it delivered', async () => {
      await page.getByRole('button', { name: 'Refresh deliveries' }).click()
      return (
        (await page.locator('tr[data-event-type="ping"][data-delivery-status="delivered"]').count()) === 1
      )
    })
    await snapshot('webhooks')
    await assertNothingStored()
  })

  it('Audit: filters by action and opens an entry', async () => {
    await visit('Audit')
    await page.getByTestId('audit-verifies').waitFor()
    await page.getByLabel('Action', { exact: true }).fill('token.revoked')
    await page.getByRole('button', { name: 'Filter', exact: true }).click()
    await eventually('only token.revoked entries', async () => {
      const actions = await page
        .locator('table[aria-label="Audit entries"] tbody tr')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-audit-action')))
      return actions.length === 1 && actions[0] === 'token.revoked'
    })
    await page.getByRole('button', { name: /^Show entry/ }).click()
    await page.getByRole('heading', { level: 2, name: /^Entry \d+/ }).waitFor()
    await snapshot('audit')
  })

  it('Keys: starts a rotation and watches it finish', async () => {
    await visit('Keys')
    await page.locator('tr[data-key-version="1"][data-key-state="active"]').waitFor()
    await page.getByRole('button', { name: 'Start rotation' }).click()
    await page.locator('tr[data-key-version="2"][data-key-state="active"]').waitFor()
    await page.getByTestId('rotation-state').getByText('No rotation running.').waitFor()
    await snapshot('keys')
  })

  it('Members: removes a member, and their session and token stop working', async () => {
    // Bob signs in elsewhere and makes a token with his session.
    const login = await fetch(`${base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...MEMBER, org: ORG }),
    })
    assert.equal(login.status, 200)
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const { csrf_token: csrf } = (await login.json()) as { csrf_token: string }
    const made = await fetch(`${base}/v1/tokens`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bobs', scopes: ['records:read'] }),
    })
    assert.equal(made.status, 201)
    const { token: bobsToken } = (await made.json()) as { token: string }
    recordSecret(bobsToken)

    await visit('Members')
    const row = page.locator(`tr[data-member-email="${MEMBER.email}"]`)
    await row.getByRole('button', { name: 'Remove' }).click()
    await row.getByRole('button', { name: `Confirm removing ${MEMBER.email}` }).click()
    await page.getByTestId('members-message').waitFor()
    await row.waitFor({ state: 'detached' })
    const bobsSession = await fetch(`${base}/v1/records`, { headers: { cookie } })
    assert.equal(((await bobsSession.json()) as { code: string }).code, 'SESSION_INVALID')
    const bobsTokenNow = await fetch(`${base}/v1/records`, {
      headers: { authorization: `Bearer ${bobsToken}` },
    })
    assert.equal(((await bobsTokenNow.json()) as { code: string }).code, 'TOKEN_REVOKED')
    await snapshot('members')
  })

  it('refuses a cross-site form post and a same-origin call without the CSRF token', async () => {
    const countTokens = `fetch('/v1/tokens').then((r) => r.json()).then((body) => body.items.length)`
    const before = (await page.evaluate(countTokens)) as number
    const evil = await context.newPage()
    await evil.goto(`${receiver.url}/evil`)
    const [answer] = await Promise.all([
      evil.waitForResponse((r) => r.url().endsWith('/v1/tokens')),
      evil.click('#go'),
    ])
    assert.equal(answer.status(), 403)
    assert.equal(((await answer.json()) as { code: string }).code, 'CSRF_FAILED')
    await evil.close()
    const direct = await page.evaluate(`fetch('/v1/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'no-csrf', scopes: ['records:read'] }),
    }).then(async (response) => ({ status: response.status, code: (await response.json()).code }))`)
    assert.deepEqual(direct, { status: 403, code: 'CSRF_FAILED' })
    const afterCount = (await page.evaluate(countTokens)) as number
    assert.equal(afterCount, before, 'no token was created')
  })

  it('an ended session goes back to sign-in, and the login backoff counts down', async () => {
    await context.clearCookies()
    await page.getByRole('link', { name: 'Tokens', exact: true }).click()
    await page.getByText('Your session has ended. Sign in again.').waitFor()
    await page.getByRole('heading', { name: 'Sign in to Coffer' }).waitFor()
    await page.getByLabel('Email', { exact: true }).fill(OWNER.email)
    await page.getByLabel('Org', { exact: true }).fill(ORG)
    let counted = false
    for (let attempt = 0; attempt < 12 && !counted; attempt++) {
      await page.getByLabel('Password', { exact: true }).fill('wrong password, try again')
      await eventually('the Sign in button is enabled', () =>
        page.getByRole('button', { name: 'Sign in' }).isEnabled(),
      )
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/v1/auth/login')),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ])
      if (response.status() === 429) {
        await page.getByTestId('retry-countdown').waitFor()
        assert.match((await page.getByTestId('retry-countdown').textContent()) ?? '', /try again in \d+ s/)
        assert.equal(await page.getByRole('button', { name: 'Sign in' }).isDisabled(), true)
        await page.getByRole('alert').getByText('RATE_LIMITED').waitFor()
        counted = true
      } else {
        await page.getByRole('alert').getByText('INVALID_CREDENTIALS').waitFor()
      }
    }
    assert.ok(counted, 'the backoff answered 429 with Retry-After')
    await assertNothingStored()
  })

  it('every console response carried the console CSP; hashed assets are cached, the page is not', () => {
    assert.ok(consoleResponses.length >= 3, 'the page and its script and style')
    for (const response of consoleResponses) {
      assert.equal(response.csp, CONSOLE_CSP, `${response.url}: CSP`)
      assert.doesNotMatch(response.csp ?? '', /unsafe-inline|unsafe-eval/)
    }
    const assets = consoleResponses.filter((r) =>
      /\/console\/assets\/.+-[A-Za-z0-9_-]{8}\.(js|css)$/.test(r.url),
    )
    assert.ok(assets.some((r) => r.url.endsWith('.js')) && assets.some((r) => r.url.endsWith('.css')))
    for (const asset of assets) assert.equal(asset.cache, HASHED_ASSET_CACHE, asset.url)
    for (const html of consoleResponses.filter((r) => r.url.endsWith('/console')))
      assert.equal(html.cache, 'no-store')
    assert.deepEqual(cspViolations, [], 'the console needs nothing the CSP refuses')
  })

  it('axe-core found no serious or critical violation on any page', () => {
    assert.deepEqual(axeFindings, [])
    assert.equal(axeRuns.size, 9, 'axe-core ran on every page')
    for (const [name, passes] of axeRuns) assert.ok(passes > 10, `axe-core checked ${name}`)
    for (const name of [
      'sign-in',
      'overview',
      'tokens',
      'secrets',
      'records',
      'webhooks',
      'audit',
      'keys',
      'members',
    ])
      assert.ok(existsSync(join(SCREENSHOTS, `${name}.png`)), `screenshot of ${name}`)
  })
})
