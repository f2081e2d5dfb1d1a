import type { RootKeyProvider } from '../../src/keys/root-key-provider.js'

/** Wraps a provider and counts its calls: how many unwraps reached the root (HSM, KMS...). */
export function countingProvider(
  inner: RootKeyProvider,
): RootKeyProvider & { calls: { generate: number; wrap: number; unwrap: number } } {
  const calls = { generate: 0, wrap: 0, unwrap: 0 }
  return {
    calls,
    name: inner.name,
    rootKeyId: inner.rootKeyId,
    generateOrgKey: (context) => {
      calls.generate++
      return inner.generateOrgKey(context)
    },
    wrapOrgKey: (key, context) => {
      calls.wrap++
      return inner.wrapOrgKey(key, context)
    },
    unwrapOrgKey: (wrapped, context) => {
      calls.unwrap++
      return inner.unwrapOrgKey(wrapped, context)
    },
    rootKeyIdOf: (wrapped) => inner.rootKeyIdOf(wrapped),
    check: () => inner.check(),
    close: () => inner.close(),
  }
}
