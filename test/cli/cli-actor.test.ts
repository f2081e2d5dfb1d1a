// Stops: CLI changes audited as a bare `cli`, so the log cannot say which operator account ran them,
// and an account name that smuggles separators or control characters into the actor field.
import assert from 'node:assert/strict'
import { userInfo } from 'node:os'
import { describe, it } from 'node:test'
import { CLI_ACTOR, cliActorOf } from '../../src/cli/cli-io.js'

describe('the CLI audit actor names the OS user', () => {
  it('is cli:<os user> for this process', () => {
    assert.equal(CLI_ACTOR, cliActorOf(userInfo().username))
    assert.match(CLI_ACTOR, /^cli:[A-Za-z0-9._-]{1,64}$/)
  })

  it('keeps only letters, digits, dot, underscore and dash, at most 64 of them', () => {
    assert.equal(cliActorOf('alice'), 'cli:alice')
    assert.equal(cliActorOf('DOMAIN\\bob smith'), 'cli:DOMAIN_bob_smith')
    assert.equal(cliActorOf('eve\n2026 admin token:x'), 'cli:eve_2026_admin_token_x')
    assert.equal(cliActorOf('x'.repeat(200)), `cli:${'x'.repeat(64)}`)
  })

  it('says unknown when the system names no user', () => {
    assert.equal(cliActorOf(undefined), 'cli:unknown')
    assert.equal(cliActorOf(''), 'cli:unknown')
  })
})
