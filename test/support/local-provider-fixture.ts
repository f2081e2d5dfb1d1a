import { randomBytes } from 'node:crypto'
import { createLocalRootProvider } from '../../src/keys/local-root-provider.js'
import type { RootProviderFixture } from './root-provider-fixture.js'

/** The `local` provider: two master keys in memory; it has no backend to make unreachable. */
export function localProviderFixture(): RootProviderFixture {
  const rootA = randomBytes(32)
  const rootB = randomBytes(32)
  return {
    name: 'local',
    async setUp() {},
    openRootA: async () => createLocalRootProvider({ masterKey: rootA }),
    openRootBWithPreviousA: async () =>
      createLocalRootProvider({ masterKey: rootB, previousMasterKeys: [rootA] }),
    openRootBOnly: async () => createLocalRootProvider({ masterKey: rootB }),
    async makeUnreachable() {},
    async restore() {},
    async tearDown() {},
  }
}
