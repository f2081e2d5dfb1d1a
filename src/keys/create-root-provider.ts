import type { KeyProviderConfig } from '../config/config.js'
import { CofferError } from '../errors.js'
import { createAwsKmsRootProvider } from './aws-kms-root-provider.js'
import { createLocalRootProvider } from './local-root-provider.js'
import { createPkcs11RootProvider } from './pkcs11-root-provider.js'
import type { RootKeyProvider } from './root-key-provider.js'

/**
 * Builds the root key provider that `COFFER_KEY_PROVIDER` names. Providers reach their HSM or
 * KMS lazily: one that is unreachable now still starts, and readiness reports why.
 * @throws CONFIG_INVALID when the local provider has no master key.
 */
export async function createRootKeyProvider(
  config: KeyProviderConfig,
  masterKey: Uint8Array | undefined,
): Promise<RootKeyProvider> {
  switch (config.name) {
    case 'local':
      if (!masterKey)
        throw new CofferError('CONFIG_INVALID', 'COFFER_MASTER_KEY must be set for COFFER_KEY_PROVIDER=local')
      return createLocalRootProvider({ masterKey, previousMasterKeys: config.previousMasterKeys })
    case 'pkcs11':
      return createPkcs11RootProvider({
        modulePath: config.modulePath,
        tokenLabel: config.tokenLabel,
        pin: config.pin.reveal(),
        keyLabel: config.keyLabel,
        previousKeyLabels: config.previousKeyLabels,
      })
    case 'aws-kms':
      return createAwsKmsRootProvider({
        keyId: config.keyId,
        previousKeyIds: config.previousKeyIds,
        region: config.region,
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      })
  }
}
