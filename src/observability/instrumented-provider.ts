import type { RootKeyProvider } from '../keys/root-key-provider.js'
import type { CofferMetrics } from './metrics.js'

type TimedOperation = 'generateOrgKey' | 'wrapOrgKey' | 'unwrapOrgKey' | 'check'

/**
 * The provider with every call to the root (generate, wrap, unwrap, check) counted by outcome
 * and timed: the KMS or HSM round trips an operator watches. Keys pass through untouched.
 */
export function instrumentProvider(provider: RootKeyProvider, metrics: CofferMetrics): RootKeyProvider {
  async function timed<T>(operation: TimedOperation, call: () => Promise<T>): Promise<T> {
    const stop = metrics.providerDuration.startTimer({ operation })
    try {
      const result = await call()
      metrics.providerCalls.inc({ operation, outcome: 'ok' })
      return result
    } catch (error) {
      metrics.providerCalls.inc({ operation, outcome: 'error' })
      throw error
    } finally {
      stop()
    }
  }
  return {
    name: provider.name,
    get rootKeyId() {
      return provider.rootKeyId
    },
    generateOrgKey: (context) => timed('generateOrgKey', () => provider.generateOrgKey(context)),
    wrapOrgKey: (key, context) => timed('wrapOrgKey', () => provider.wrapOrgKey(key, context)),
    unwrapOrgKey: (wrapped, context) => timed('unwrapOrgKey', () => provider.unwrapOrgKey(wrapped, context)),
    rootKeyIdOf: (wrapped) => provider.rootKeyIdOf(wrapped),
    check: () => timed('check', () => provider.check()),
    close: () => provider.close(),
  }
}
