// Stops: a connection to PostgreSQL that is not TLS, or that is TLS to a server nobody verified.
// The test starts a PostgreSQL cluster of its own (Debian's postgresql server binaries) with SSL on
// and plain connections refused, certificates made by the test. `coffer serve` with
// `sslmode=verify-full&sslrootcert=<ca>` connects over TLS; the same URL with another CA's
// certificate does not start, and says why without a secret.
import assert from 'node:assert/strict'
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { recordLogLine, recordSecret } from '../support/leak-canary.js'
import { BIN, startServe, stopServe } from '../support/serve-process.js'
import { skipUnlessInstalled } from '../support/system-packages.js'
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates.js'

/** The newest PostgreSQL server binaries Debian installed (`postgresql-<major>`), if any. */
function postgresBinDir(): string {
  const root = '/usr/lib/postgresql'
  const majors = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : []
  return join(root, majors[0] ?? '15', 'bin')
}
const BIN_DIR = postgresBinDir()
const skip = skipUnlessInstalled({
  name: 'PostgreSQL server binaries',
  install: 'apt-get install postgresql',
  files: [join(BIN_DIR, 'initdb'), join(BIN_DIR, 'postgres')],
  commands: ['openssl', 'runuser'],
})

/** Runs a PostgreSQL binary as the `postgres` OS user (initdb refuses to run as root). */
function asPostgres(args: string[]): string[] {
  return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...args] : args
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

describe('TLS to PostgreSQL with sslmode=verify-full', { skip }, () => {
  let dir: string
  let port: number
  let certs: TestCertificates
  let otherCa: TestCertificates
  let postgres: ChildProcess | undefined
  let serverLog = ''
  const masterKey = randomBytes(32).toString('base64')
  const tokenSecret = randomBytes(32).toString('base64')

  before(async () => {
    recordSecret(masterKey)
    recordSecret(tokenSecret)
    dir = mkdtempSync(join(tmpdir(), 'coffer-pg-tls-'))
    const data = join(dir, 'data')
    if (process.getuid?.() === 0) spawnSync('chown', ['-R', 'postgres', dir])
    const [initdb, ...initArgs] = asPostgres([
      join(BIN_DIR, 'initdb'),
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
    ])
    const init = spawnSync(initdb!, initArgs, { encoding: 'utf8' })
    assert.equal(init.status, 0, `initdb failed: ${init.stderr}`)

    certs = makeTestCertificates('coffer-pg')
    otherCa = makeTestCertificates('coffer-other')
    // PostgreSQL wants its key owned by the server's user and not readable by anyone else.
    copyFileSync(certs.serverCert, join(data, 'server.crt'))
    copyFileSync(certs.serverKey, join(data, 'server.key'))
    chmodSync(join(data, 'server.key'), 0o600)
    // TLS or nothing: a plain connection from anywhere is refused.
    writeFileSync(
      join(data, 'pg_hba.conf'),
      ['hostnossl all all 0.0.0.0/0 reject', 'hostssl all all 127.0.0.0/8 trust', ''].join('\n'),
    )
    if (process.getuid?.() === 0) spawnSync('chown', ['-R', 'postgres', data])

    port = await freePort()
    const [command, ...args] = asPostgres([
      join(BIN_DIR, 'postgres'),
      '-D',
      data,
      '-c',
      `port=${port}`,
      '-c',
      'listen_addresses=127.0.0.1,127.0.0.2',
      '-c',
      `unix_socket_directories=${data}`,
      '-c',
      'ssl=on',
      '-c',
      'ssl_min_protocol_version=TLSv1.2',
      '-c',
      'fsync=off',
    ])
    postgres = spawn(command!, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    postgres.stderr?.on('data', (chunk: Buffer) => {
      serverLog += chunk.toString()
    })
    for (let attempt = 0; attempt < 60; attempt++) {
      const ready = spawnSync(join(BIN_DIR, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)])
      if (ready.status === 0) return
      await sleep(250)
    }
    throw new Error(`the test's PostgreSQL did not start: ${serverLog}`)
  })

  after(async () => {
    if (postgres && postgres.exitCode === null) {
      const exited = new Promise((resolve) => postgres!.once('exit', resolve))
      // runuser does not pass a signal on to the server: pg_ctl, as the server's user, stops it.
      const [command, ...args] = asPostgres([
        join(BIN_DIR, 'pg_ctl'),
        'stop',
        '-D',
        join(dir, 'data'),
        '-m',
        'immediate',
      ])
      spawnSync(command!, args, { stdio: 'ignore' })
      await exited
    }
    if (dir) rmSync(dir, { recursive: true, force: true })
    if (certs) rmSync(certs.dir, { recursive: true, force: true })
    if (otherCa) rmSync(otherCa.dir, { recursive: true, force: true })
  })

  const url = (ca: string, mode = 'verify-full') =>
    `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=${mode}&sslrootcert=${encodeURIComponent(ca)}`

  it('the cluster refuses a plain connection (so the passing case below is TLS)', async () => {
    const client = new pg.Client({
      connectionString: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    })
    await assert.rejects(client.connect(), (error: Error & { code?: string }) => {
      assert.equal(error.code, '28000') // invalid_authorization_specification: pg_hba rejected it
      return true
    })
  })

  it('coffer serve connects over TLS with a verified server certificate, and serves', async () => {
    const server = await startServe({
      COFFER_DATABASE_URL: url(certs.caCert),
      COFFER_MASTER_KEY: masterKey,
      COFFER_TOKEN_SECRET: tokenSecret,
      COFFER_LISTEN: '127.0.0.1:0',
    })
    try {
      recordLogLine(server.out)
      const ready = await fetch(`${server.url}/health/ready`)
      assert.equal(ready.status, 200)
      // Every backend of Coffer's pool is on TLS, as the server itself reports.
      const admin = new pg.Client({ connectionString: url(certs.caCert) })
      await admin.connect()
      try {
        const { rows } = await admin.query<{ ssl: boolean; version: string }>(
          `SELECT s.ssl, s.version FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
            WHERE a.application_name = 'coffer'`,
        )
        assert.ok(rows.length > 0, 'coffer holds at least one connection')
        for (const row of rows) {
          assert.equal(row.ssl, true)
          assert.match(row.version, /^TLSv1\.[23]$/)
        }
      } finally {
        await admin.end()
      }
    } finally {
      await stopServe(server.child)
    }
  })

  it('refuses a server whose certificate another CA signed: serve does not start, and says why', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        PATH: process.env.PATH ?? '',
        COFFER_DATABASE_URL: url(otherCa.caCert),
        COFFER_MASTER_KEY: masterKey,
        COFFER_TOKEN_SECRET: tokenSecret,
        COFFER_LISTEN: '127.0.0.1:0',
        COFFER_METRICS_LISTEN: '127.0.0.1:0',
      },
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    clearTimeout(killer)
    recordLogLine(output)
    assert.notEqual(code, 0, 'serve must not run on an unverified database connection')
    assert.doesNotMatch(output, /Coffer listening/)
    assert.match(output, /certificate/i, 'the reason names the certificate')
    assert.ok(!output.includes(masterKey) && !output.includes(tokenSecret))
  })

  it('refuses the right CA when the name does not match (verify-full checks the host)', async () => {
    // The certificate names localhost and 127.0.0.1; 127.0.0.2 is the same loopback server by
    // another name, which verify-full must refuse (verify-ca would accept it).
    const wrongHost = url(certs.caCert).replace('127.0.0.1', '127.0.0.2')
    const client = new pg.Client({ connectionString: wrongHost })
    await assert.rejects(client.connect(), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'ERR_TLS_CERT_ALTNAME_INVALID')
      return true
    })
  })
})
