import type { RootKeyProvider } from '../keys/root-key-provider.js'
import { SpanKind, type Tracing } from './tracing.js'

/**
 * The provider with a span for every call to the root (`key_provider unwrapOrgKey`), the KMS or
 * HSM round trips in a request's trace. Attributes: the provider's name and the operation; keys,
 * wrapped keys and contexts never reach a span.
 */
export function traceProvider(provider: RootKeyProvider, tracing: Tracing): RootKeyProvider {
  if (!tracing.enabled) return provider
  const traced = <T>(operation: string, call: () => Promise<T>): Promise<T> =>
    tracing.inSpan(
      `key_provider ${operation}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'coffer.key_provider.name': provider.name, 'coffer.key_provider.operation': operation },
      },
      call,
    )
  return {
    name: provider.name,
    get rootKeyId() {
      return provider.rootKeyId
    },
    generateOrgKey: (context) => traced('generateOrgKey', () => provider.generateOrgKey(context)),
    wrapOrgKey: (key, context) => traced('wrapOrgKey', () => provider.wrapOrgKey(key, context)),
    unwrapOrgKey: (wrapped, context) => traced('unwrapOrgKey', () => provider.unwrapOrgKey(wrapped, context)),
    rootKeyIdOf: (wrapped) => provider.rootKeyIdOf(wrapped),
    check: () => traced('check', () => provider.check()),
    close: () => provider.close(),
  }
}
