import {
  type AwsKmsRootProviderOptions,
  createAwsKmsRootProvider,
} from '../../src/keys/aws-kms-root-provider.js'
import type { RootKeyProvider } from '../../src/keys/root-key-provider.js'
import { type KMSProtocolDouble, startKMSProtocolDouble } from './kms-protocol-double.js'
import type { RootProviderFixture } from './root-provider-fixture.js'

/** Dummy static credentials: the double accepts any SigV4 signature without verifying it. */
export const DOUBLE_CREDENTIALS = { accessKeyId: 'AKIDCOFFERTESTDOUBLE', secretAccessKey: 'not-a-secret' }

/** Per-attempt time limit for providers made here: short, the double answers on loopback. */
export const DOUBLE_REQUEST_TIMEOUT_MS = 1000

/** The conformance fixture, plus what the aws-kms tests need to reach behind it. */
export interface KMSProviderFixture extends RootProviderFixture {
  /** The running double (after `setUp`). */
  readonly double: KMSProtocolDouble
  /** ARNs of roots A and B (after `setUp`). */
  readonly keyIdA: string
  readonly keyIdB: string
  /** A provider against the double; `keyId` and the rest override the defaults. */
  openProvider(
    options: Pick<AwsKmsRootProviderOptions, 'keyId'> & Partial<AwsKmsRootProviderOptions>,
  ): RootKeyProvider
}

/**
 * The `aws-kms` provider against a local KMS protocol double (test/support/kms-protocol-double.ts):
 * two keys A and B, region us-east-1, dummy credentials, a short timeout. `makeUnreachable`
 * stops the double; `restore` listens again on the same port.
 */
export function kmsProviderFixture(): KMSProviderFixture {
  let running: KMSProtocolDouble | undefined
  let keyIdA = ''
  let keyIdB = ''
  const opened: RootKeyProvider[] = []

  const double = () => {
    if (!running) throw new Error('kmsProviderFixture: call setUp first')
    return running
  }

  function openProvider(
    options: Pick<AwsKmsRootProviderOptions, 'keyId'> & Partial<AwsKmsRootProviderOptions>,
  ): RootKeyProvider {
    const provider = createAwsKmsRootProvider({
      region: 'us-east-1',
      endpoint: double().url,
      credentials: DOUBLE_CREDENTIALS,
      requestTimeoutMs: DOUBLE_REQUEST_TIMEOUT_MS,
      ...options,
    })
    opened.push(provider)
    return provider
  }

  return {
    name: 'aws-kms',
    get double() {
      return double()
    },
    get keyIdA() {
      return keyIdA
    },
    get keyIdB() {
      return keyIdB
    },
    openProvider,
    async setUp() {
      running = await startKMSProtocolDouble()
      keyIdA = running.createKey()
      keyIdB = running.createKey()
    },
    openRootA: async () => openProvider({ keyId: keyIdA }),
    openRootBWithPreviousA: async () => openProvider({ keyId: keyIdB, previousKeyIds: [keyIdA] }),
    openRootBOnly: async () => openProvider({ keyId: keyIdB }),
    makeUnreachable: () => double().stop(),
    restore: () => double().start(),
    async tearDown() {
      await Promise.all(opened.splice(0).map((provider) => provider.close()))
      await running?.close()
      running = undefined
    },
  }
}
