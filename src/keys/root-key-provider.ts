/** Binds a wrapped org key to its org and version: a wrap moved to another org or version fails. */
export interface OrgKeyContext {
  orgId: string
  version: number
}

/** A freshly made org key: the plaintext (secure memory, caller wipes) and its wrapped form to store. */
export interface GeneratedOrgKey {
  key: Buffer
  wrapped: Buffer
}

/** The names of the root key providers, as `COFFER_KEY_PROVIDER` spells them. */
export type RootKeyProviderName = 'local' | 'pkcs11' | 'aws-kms'

/**
 * The root of the key hierarchy. It wraps and unwraps org keys with an authenticated context;
 * the root key itself stays inside the provider (an env key, an HSM, a KMS) and is never stored
 * in the database. One conformance suite (test/keys/root-provider-conformance.test.ts) runs
 * against every implementation.
 *
 * Failures: a wrap that is not valid for its context, or made under a root this provider does
 * not know, is `DECRYPTION_FAILED`; a provider that cannot be reached, is throttled, or refuses
 * for an operational reason is `KEY_UNAVAILABLE`. Messages never contain key bytes.
 */
export interface RootKeyProvider {
  readonly name: RootKeyProviderName
  /** Non-secret identifier of the current root key, which every new wrap uses. */
  readonly rootKeyId: string
  /**
   * Makes a random 256-bit org key and wraps it under the current root.
   * @throws KEY_UNAVAILABLE
   */
  generateOrgKey(context: OrgKeyContext): Promise<GeneratedOrgKey>
  /**
   * Wraps an existing 32-byte org key under the current root (root rotation: rewrap).
   * @throws KEY_UNAVAILABLE
   */
  wrapOrgKey(key: Uint8Array, context: OrgKeyContext): Promise<Buffer>
  /**
   * Opens a wrap made under the current root or any configured previous root, into secure memory.
   * @throws DECRYPTION_FAILED, KEY_UNAVAILABLE
   */
  unwrapOrgKey(wrapped: Uint8Array, context: OrgKeyContext): Promise<Buffer>
  /**
   * The root key id a wrap was made under, read from the wrap without opening it.
   * @throws DECRYPTION_FAILED when the bytes are not a wrap of this provider's format.
   */
  rootKeyIdOf(wrapped: Uint8Array): string
  /**
   * Proves the provider is reachable and its current root key usable (readiness).
   * @throws KEY_UNAVAILABLE with a reason that names what is missing, never a secret.
   */
  check(): Promise<void>
  /** Releases sessions and connections; wipes any key material the provider holds. */
  close(): Promise<void>
}

/**
 * The text bound to a wrap as AAD by the local and PKCS#11 providers. AWS KMS binds the same two
 * facts as its encryption context (`coffer_org_id`, `coffer_key_version`). Part of the stored
 * format: never change it for existing wraps.
 */
export function orgKeyWrapContext(context: OrgKeyContext): string {
  return `coffer/org-key/org:${context.orgId}/v${context.version}`
}
