import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { signOut, whenSessionEnds } from './api.js'
import { AuditPage } from './pages/audit.js'
import { KeysPage } from './pages/keys.js'
import { MembersPage } from './pages/members.js'
import { OverviewPage } from './pages/overview.js'
import { RecordsPage } from './pages/records.js'
import { SecretsPage } from './pages/secrets.js'
import { SignInPage } from './pages/sign-in.js'
import { TokensPage } from './pages/tokens.js'
import { WebhooksPage } from './pages/webhooks.js'

const PAGES = {
  overview: { title: 'Overview', Page: OverviewPage },
  tokens: { title: 'Tokens', Page: TokensPage },
  secrets: { title: 'Vendor secrets', Page: SecretsPage },
  records: { title: 'Records', Page: RecordsPage },
  webhooks: { title: 'Webhooks', Page: WebhooksPage },
  audit: { title: 'Audit', Page: AuditPage },
  members: { title: 'Members', Page: MembersPage },
  keys: { title: 'Keys', Page: KeysPage },
} as const

type PageName = keyof typeof PAGES

/** The page named by the hash (`#/tokens`); the hash never carries anything but a page name. */
function pageOfHash(): PageName {
  const name = window.location.hash.replace(/^#\/?/, '')
  return Object.hasOwn(PAGES, name) ? (name as PageName) : 'overview'
}

function App() {
  const [signedIn, setSignedIn] = useState(false)
  const [expired, setExpired] = useState(false)
  const [page, setPage] = useState<PageName>(pageOfHash())
  useEffect(() => {
    whenSessionEnds(() => {
      setSignedIn(false)
      setExpired(true)
    })
    const onHash = () => setPage(pageOfHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  useEffect(() => {
    document.title = signedIn ? `${PAGES[page].title} · Coffer console` : 'Sign in · Coffer console'
  }, [signedIn, page])

  if (!signedIn)
    return (
      <SignInPage
        expired={expired}
        onSignedIn={() => {
          setExpired(false)
          setSignedIn(true)
        }}
      />
    )
  const { title, Page } = PAGES[page]
  return (
    <div class="shell">
      <header class="top">
        <span class="brand">Coffer console</span>
        <button
          type="button"
          onClick={async () => {
            try {
              await signOut()
            } finally {
              setSignedIn(false)
            }
          }}
        >
          Sign out
        </button>
      </header>
      <nav aria-label="Console pages">
        <ul>
          {(Object.keys(PAGES) as PageName[]).map((name) => (
            <li key={name}>
              <a href={`#/${name}`} aria-current={name === page ? 'page' : undefined}>
                {PAGES[name].title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main>
        <h1>{title}</h1>
        {/* Keyed by page: leaving a page unmounts it and everything it held. */}
        <Page key={page} />
      </main>
    </div>
  )
}

const root = document.getElementById('app')
if (root) render(<App />, root)
