import { spawnSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createPkcs11RootProvider,
  type Pkcs11RootProviderOptions,
} from '../../src/keys/pkcs11-root-provider.js'
import type { RootKeyProvider } from '../../src/keys/root-key-provider.js'
import type { RootProviderFixture } from './root-provider-fixture.js'
import { skipUnlessInstalled } from './system-packages.js'

/** Where Debian and Ubuntu's `softhsm2` package puts the module. */
export const SOFTHSM_MODULE_PATH = '/usr/lib/softhsm/libsofthsm2.so'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const INSTALL_HINT = 'install softhsm2: apt-get install -y softhsm2'

/** Why the PKCS#11 suites are skipped on this machine, or false when SoftHSM2 is there (or CI requires it). */
export const SOFTHSM_SKIP = skipUnlessInstalled({
  name: 'SoftHSM2',
  install: INSTALL_HINT,
  files: [SOFTHSM_MODULE_PATH],
  commands: ['softhsm2-util'],
})

/** The labels of the root keys every fixture token holds. */
export const SOFTHSM_KEY_LABELS = {
  rootA: 'coffer-root-a',
  rootB: 'coffer-root-b',
  /** Same shape as a root key but extractable and not sensitive: providers must refuse it. */
  extractable: 'coffer-root-extractable',
} as const

/** What the token says about a key object, read by a separate process with its own session. */
export interface SoftHsmKeyInspection {
  sensitive: boolean
  extractable: boolean
  alwaysSensitive: boolean
  neverExtractable: boolean
  /** The PKCS#11 answer to reading CKA_VALUE: a CKR_ code, or `readable` (the value itself is never printed). */
  valueRead: string
}

/** The PKCS#11 fixture, plus what the pkcs11 provider's own tests need beyond the conformance suite. */
export interface SoftHsmFixture extends RootProviderFixture {
  /** Options for a provider on this fixture's token with root A; `overrides` replace fields. */
  providerOptions(overrides?: Partial<Pkcs11RootProviderOptions>): Pkcs11RootProviderOptions
  /** A provider made from `providerOptions(overrides)`, closed by `tearDown`. */
  openProvider(overrides?: Partial<Pkcs11RootProviderOptions>): Promise<RootKeyProvider>
  inspectKey(label: string): SoftHsmKeyInspection
}

/**
 * One SoftHSM store per process. SoftHSM reads `SOFTHSM2_CONF` when the library is initialised
 * and its state is process-wide, so every fixture in a process shares this store (and one
 * configuration), each with a token of its own.
 */
interface SoftHsmStore {
  dir: string
  conf: string
  tokensDir: string
  awayDir: string
  users: number
  previousConf: string | undefined
}

let sharedStore: SoftHsmStore | undefined

function acquireStore(): SoftHsmStore {
  if (!existsSync(SOFTHSM_MODULE_PATH)) throw new Error(`${SOFTHSM_MODULE_PATH} not found: ${INSTALL_HINT}`)
  if (sharedStore) {
    sharedStore.users += 1
    return sharedStore
  }
  const dir = mkdtempSync(join(tmpdir(), 'coffer-softhsm-'))
  const store = {
    dir,
    conf: join(dir, 'softhsm2.conf'),
    tokensDir: join(dir, 'tokens'),
    awayDir: join(dir, 'away'),
    users: 1,
    previousConf: process.env.SOFTHSM2_CONF,
  }
  mkdirSync(store.tokensDir)
  mkdirSync(store.awayDir)
  writeFileSync(
    store.conf,
    `directories.tokendir = ${store.tokensDir}\nobjectstore.backend = file\nlog.level = ERROR\n`,
  )
  // Before any provider in this process loads the module: SoftHSM reads it in C_Initialize.
  process.env.SOFTHSM2_CONF = store.conf
  sharedStore = store
  return store
}

function releaseStore(store: SoftHsmStore): void {
  store.users -= 1
  if (store.users > 0) return
  rmSync(store.dir, { recursive: true, force: true })
  if (store.previousConf === undefined) delete process.env.SOFTHSM2_CONF
  else process.env.SOFTHSM2_CONF = store.previousConf
  if (sharedStore === store) sharedStore = undefined
}

function run(command: string, args: string[], options: { env: NodeJS.ProcessEnv; what: string }): string {
  const result = spawnSync(command, args, { cwd: REPO, env: options.env, encoding: 'utf8' })
  if (result.error) throw new Error(`${options.what}: ${result.error.message} (${INSTALL_HINT})`)
  if (result.status !== 0) throw new Error(`${options.what} failed: ${result.stderr || result.stdout}`)
  return result.stdout
}

/**
 * Runs in a child process, so that making keys and reading attributes never touch the PKCS#11
 * state (initialisation, logins, sessions) of the providers under test in this process.
 */
const PKCS11_HELPER = `
const pkcs11js = require('pkcs11js')
const request = JSON.parse(process.argv[1])
const pkcs11 = new pkcs11js.PKCS11()
pkcs11.load(request.modulePath)
pkcs11.C_Initialize()
const flag = (attribute) => attribute.value[0] === 1
try {
  const slot = pkcs11
    .C_GetSlotList(true)
    .find((s) => pkcs11.C_GetTokenInfo(s).label.trimEnd() === request.tokenLabel)
  const session = pkcs11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION)
  pkcs11.C_Login(session, pkcs11js.CKU_USER, process.env.COFFER_SOFTHSM_PIN)
  for (const key of request.generate ?? []) {
    pkcs11.C_GenerateKey(session, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
      { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
      { type: pkcs11js.CKA_VALUE_LEN, value: 32 },
      { type: pkcs11js.CKA_LABEL, value: key.label },
      { type: pkcs11js.CKA_TOKEN, value: true },
      { type: pkcs11js.CKA_PRIVATE, value: true },
      { type: pkcs11js.CKA_SENSITIVE, value: !key.extractable },
      { type: pkcs11js.CKA_EXTRACTABLE, value: key.extractable },
      { type: pkcs11js.CKA_ENCRYPT, value: true },
      { type: pkcs11js.CKA_DECRYPT, value: true },
    ])
  }
  let inspection = null
  if (request.inspect) {
    pkcs11.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_LABEL, value: request.inspect }])
    const [key] = pkcs11.C_FindObjects(session, 1)
    pkcs11.C_FindObjectsFinal(session)
    const [sensitive, extractable, alwaysSensitive, neverExtractable] = pkcs11.C_GetAttributeValue(session, key, [
      { type: pkcs11js.CKA_SENSITIVE },
      { type: pkcs11js.CKA_EXTRACTABLE },
      { type: pkcs11js.CKA_ALWAYS_SENSITIVE },
      { type: pkcs11js.CKA_NEVER_EXTRACTABLE },
    ])
    let valueRead = 'readable'
    try {
      pkcs11.C_GetAttributeValue(session, key, [{ type: pkcs11js.CKA_VALUE }])
    } catch (error) {
      valueRead = error.message
    }
    inspection = {
      sensitive: flag(sensitive),
      extractable: flag(extractable),
      alwaysSensitive: flag(alwaysSensitive),
      neverExtractable: flag(neverExtractable),
      valueRead,
    }
  }
  pkcs11.C_Logout(session)
  pkcs11.C_CloseSession(session)
  process.stdout.write(JSON.stringify(inspection))
} finally {
  pkcs11.C_Finalize()
}
`

/**
 * The `pkcs11` provider against SoftHSM2: a token of its own in a per-process store, holding
 * root A, root B and an extractable look-alike.
 *
 * Unreachability: `makeUnreachable` moves the token's directory out of SoftHSM's token dir.
 * Measured with SoftHSM 2.6.1: a session opened before keeps "working" but its key handles fail
 * (CKR_OBJECT_HANDLE_INVALID), C_GetTokenInfo fails (CKR_GENERAL_ERROR), and both keep failing
 * after the directory is back, because SoftHSM scans tokens only in C_Initialize. So the
 * provider's recovery (C_Finalize + C_Initialize, a new session) is what `restore` exercises.
 */
export function softhsmProviderFixture(): SoftHsmFixture {
  const tokenLabel = `coffer-${randomUUID().slice(0, 8)}`
  const pin = randomBytes(6).toString('hex')
  const soPin = randomBytes(6).toString('hex')
  const providers: RootKeyProvider[] = []
  let store: SoftHsmStore | undefined
  let tokenDirName: string | undefined

  function setUpStore(): SoftHsmStore {
    if (!store) throw new Error('softhsmProviderFixture: call setUp() first')
    return store
  }

  function runHelper(request: object): string {
    const env = { ...process.env, SOFTHSM2_CONF: setUpStore().conf, COFFER_SOFTHSM_PIN: pin }
    const what = `pkcs11js helper on token "${tokenLabel}"`
    return run(process.execPath, ['-e', PKCS11_HELPER, JSON.stringify(request)], { env, what })
  }

  function providerOptions(overrides: Partial<Pkcs11RootProviderOptions> = {}): Pkcs11RootProviderOptions {
    return {
      modulePath: SOFTHSM_MODULE_PATH,
      tokenLabel,
      pin,
      keyLabel: SOFTHSM_KEY_LABELS.rootA,
      ...overrides,
    }
  }

  async function openProvider(overrides?: Partial<Pkcs11RootProviderOptions>): Promise<RootKeyProvider> {
    const provider = await createPkcs11RootProvider(providerOptions(overrides))
    providers.push(provider)
    return provider
  }

  function tokenPaths() {
    const { tokensDir, awayDir } = setUpStore()
    if (!tokenDirName) throw new Error('softhsmProviderFixture: no token')
    return { present: join(tokensDir, tokenDirName), away: join(awayDir, tokenDirName) }
  }

  return {
    name: 'pkcs11',
    skip: SOFTHSM_SKIP,
    async setUp() {
      store = acquireStore()
      const before = new Set(readdirSync(store.tokensDir))
      const env = { ...process.env, SOFTHSM2_CONF: store.conf }
      const init = ['--init-token', '--free', '--label', tokenLabel, '--pin', pin, '--so-pin', soPin]
      run('softhsm2-util', init, { env, what: 'softhsm2-util --init-token' })
      tokenDirName = readdirSync(store.tokensDir).find((name) => !before.has(name))
      if (!tokenDirName) throw new Error('softhsm2-util made no token directory')
      runHelper({
        modulePath: SOFTHSM_MODULE_PATH,
        tokenLabel,
        generate: [
          { label: SOFTHSM_KEY_LABELS.rootA, extractable: false },
          { label: SOFTHSM_KEY_LABELS.rootB, extractable: false },
          { label: SOFTHSM_KEY_LABELS.extractable, extractable: true },
        ],
      })
    },
    openRootA: () => openProvider(),
    openRootBWithPreviousA: () =>
      openProvider({ keyLabel: SOFTHSM_KEY_LABELS.rootB, previousKeyLabels: [SOFTHSM_KEY_LABELS.rootA] }),
    openRootBOnly: () => openProvider({ keyLabel: SOFTHSM_KEY_LABELS.rootB }),
    async makeUnreachable() {
      const { present, away } = tokenPaths()
      renameSync(present, away)
    },
    async restore() {
      const { present, away } = tokenPaths()
      if (existsSync(away)) renameSync(away, present)
    },
    async tearDown() {
      for (const provider of providers.splice(0)) await provider.close()
      if (!store) return
      if (tokenDirName) {
        const { present, away } = tokenPaths()
        rmSync(present, { recursive: true, force: true })
        rmSync(away, { recursive: true, force: true })
      }
      releaseStore(store)
      store = undefined
      tokenDirName = undefined
    },
    providerOptions,
    openProvider,
    inspectKey(label) {
      const output = runHelper({ modulePath: SOFTHSM_MODULE_PATH, tokenLabel, inspect: label })
      return JSON.parse(output) as SoftHsmKeyInspection
    },
  }
}
