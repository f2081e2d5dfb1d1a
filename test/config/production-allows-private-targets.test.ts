// Stops: a production deployment whose webhooks and verify URLs may reach private addresses
// (cloud metadata, internal services) because nobody set a variable.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadConfig } from '../../src/config/config.js'
import { publicTargetsLine } from '../../src/server.js'

describe('public-targets mode by default in production', () => {
  it('NODE_ENV=production turns it on, and the start line says why', () => {
    const config = loadConfig({ NODE_ENV: 'production' })
    assert.equal(config.requirePublicTargets, true)
    assert.equal(config.requirePublicTargetsSource, 'production')
    assert.match(publicTargetsLine(config), /public https targets only \(NODE_ENV=production default/)
  })
  it('an explicit false opts out, and is said at start', () => {
    const config = loadConfig({ NODE_ENV: 'production', COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS: 'false' })
    assert.equal(config.requirePublicTargets, false)
    assert.match(
      publicTargetsLine(config),
      /private addresses allowed \(COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS=false\)/,
    )
  })
  it('outside production it stays off unless set', () => {
    assert.equal(loadConfig({}).requirePublicTargets, false)
    assert.equal(loadConfig({ COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS: 'true' }).requirePublicTargets, true)
  })
})
