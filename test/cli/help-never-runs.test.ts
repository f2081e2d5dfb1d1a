import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { BIN } from '../support/serve-process.js'

// `coffer serve --help` used to start the server, `dump --help` printed every row, `migrate --help`
// migrated. Every command is run here with --help / -h against a database address that counts
// connections, and against an empty directory where the embedded database would be created.

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

function runCli(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 30_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0
        resolve({ status, stdout, stderr })
      },
    )
  })
}

/** The command words of every usage line: `  org create <slug> ...` → `org create`. */
function commandsOf(usage: string): string[][] {
  return usage
    .split('\n')
    .filter((line) => /^ {2}[a-z]/.test(line))
    .map((line) => {
      // A summary on the same line starts after two or more spaces; the words end there.
      const head = line.trim().split(/\s{2,}/)[0]!
      const words: string[] = []
      for (const word of head.split(' ')) {
        if (!/^[a-z][a-z-]*$/.test(word)) break
        words.push(word)
      }
      return words
    })
}

describe('--help never runs a command', () => {
  let probe: Server
  let connections = 0
  let env: Record<string, string>
  const dirs: string[] = []
  const emptyDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'coffer-help-'))
    dirs.push(dir)
    return dir
  }
  let usage = ''

  before(async () => {
    // A "database" that counts who connects and hangs up on them.
    probe = createServer((socket) => {
      connections++
      socket.destroy()
    })
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const { port } = probe.address() as { port: number }
    env = {
      COFFER_DATABASE_URL: `postgres://coffer@127.0.0.1:${port}/coffer`,
      COFFER_LISTEN: '127.0.0.1:0',
    }
    const top = await runCli(['--help'], env, emptyDir())
    assert.equal(top.status, 0)
    usage = top.stdout
  })
  after(async () => {
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  it('the usage lists every command, serve, dump and migrate among them', () => {
    const names = commandsOf(usage).map((words) => words.join(' '))
    for (const name of [
      'serve',
      'dump',
      'migrate',
      'init',
      'version',
      'org create',
      'keys destroy',
      'import',
    ])
      assert.ok(names.includes(name), name)
    assert.ok(names.length >= 20, `${names.length} commands`)
  })

  it('every command answers --help and -h with its usage: exit 0, nothing else printed, no database opened', async () => {
    const commands = commandsOf(usage)
    for (const words of commands) {
      // --help with the database URL: any connection is counted. -h without it: the embedded
      // database would be created in cwd.
      const runs = [
        { flag: '--help', env },
        { flag: '-h', env: { COFFER_LISTEN: '127.0.0.1:0' } },
      ]
      for (const { flag, env: runEnv } of runs) {
        const cwd = emptyDir()
        const run = await runCli([...words, flag], runEnv, cwd)
        const name = `${words.join(' ')} ${flag}`
        assert.equal(run.status, 0, `${name}: ${run.stderr}`)
        assert.ok(run.stdout.startsWith(`Usage: coffer ${words.join(' ')}`), `${name}: ${run.stdout}`)
        assert.equal(run.stderr, '', name)
        assert.deepEqual(readdirSync(cwd), [], `${name} created files`)
      }
    }
    assert.equal(connections, 0, 'a --help connected to the database')
  })

  it('--help after other arguments still only prints usage (`dump --json --help`, `org create acme -h`)', async () => {
    const cwd = emptyDir()
    for (const args of [
      ['org', 'create', 'acme', '-h'],
      ['keys', 'destroy', '--org', 'acme', '--confirm', 'acme', '--help'],
      ['serve', '--help'],
    ]) {
      const run = await runCli(args, env, cwd)
      assert.equal(run.status, 0, args.join(' '))
      assert.match(run.stdout, /^Usage: coffer /)
    }
    assert.deepEqual(readdirSync(cwd), [])
    assert.equal(connections, 0)
  })

  it('a group: `org --help` prints its commands (exit 0); bare `org` prints them on stderr, exit 2', async () => {
    const groups = [
      ...new Set(
        commandsOf(usage)
          .filter((w) => w.length > 1)
          .map((w) => w[0]!),
      ),
    ]
    assert.deepEqual(groups.sort(), ['audit', 'keys', 'operator', 'org', 'user'])
    for (const group of groups) {
      const cwd = emptyDir()
      const help = await runCli([group, '--help'], env, cwd)
      assert.equal(help.status, 0)
      assert.ok(help.stdout.startsWith(`Usage: coffer ${group} <command>`), help.stdout)
      const bare = await runCli([group], env, cwd)
      assert.equal(bare.status, 2)
      assert.equal(bare.stdout, '')
      assert.ok(bare.stderr.startsWith(`Usage: coffer ${group} <command>`), bare.stderr)
      const unknown = await runCli([group, 'frobnicate'], env, cwd)
      assert.equal(unknown.status, 2)
      assert.match(unknown.stderr, /unknown command "\w+ frobnicate"/)
      assert.deepEqual(readdirSync(cwd), [])
    }
    assert.equal(connections, 0)
  })

  it('`version`, `--version` print the package version; an unknown command exits 2 touching nothing', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    const cwd = emptyDir()
    for (const args of [['version'], ['--version'], ['-V']]) {
      const run = await runCli(args, env, cwd)
      assert.equal(run.status, 0)
      assert.equal(run.stdout, `coffer ${version}\n`)
    }
    const json = await runCli(['version', '--json'], env, cwd)
    assert.deepEqual(JSON.parse(json.stdout), { version })
    const unknown = await runCli(['frobnicate', '--help'], env, cwd)
    assert.equal(unknown.status, 2)
    assert.equal(unknown.stdout, '')
    assert.match(unknown.stderr, /^coffer: unknown command "frobnicate"/)
    assert.deepEqual(readdirSync(cwd), [])
    assert.equal(connections, 0)
  })
})
