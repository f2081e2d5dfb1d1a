import type { RootKeyProvider, RootKeyProviderName } from '../../src/keys/root-key-provider.js'

/**
 * What the provider conformance suite needs from each provider's test set-up. Every fixture
 * runs against a real backend or a faithful local stand-in: SoftHSM2 for PKCS#11, a local
 * server speaking the KMS JSON protocol for AWS KMS, nothing for `local`.
 */
export interface RootProviderFixture {
  name: RootKeyProviderName
  /** Why this provider's suites are skipped on this machine (a missing system package), or false. */
  skip?: string | false
  /** Sets up the backend (token, server, keys). Called once before the suite. */
  setUp(): Promise<void>
  /** A provider whose current root is root A. */
  openRootA(): Promise<RootKeyProvider>
  /** A provider whose current root is a different root B, that still opens wraps made under A. */
  openRootBWithPreviousA(): Promise<RootKeyProvider>
  /** A provider whose only root is B: wraps made under A are DECRYPTION_FAILED for it. */
  openRootBOnly(): Promise<RootKeyProvider>
  /** Makes the backend unreachable until `restore` (stop the server, remove the token...). */
  makeUnreachable(): Promise<void>
  restore(): Promise<void>
  /** Removes everything setUp made. */
  tearDown(): Promise<void>
}
