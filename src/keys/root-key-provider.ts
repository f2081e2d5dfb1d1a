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

/**
 * The root of the key hierarchy. It makes and opens wrapped org keys; the root key itself stays
 * inside the provider (an env key, an HSM, a KMS) and is never stored in the database.
 */
export interface RootKeyProvider {
  readonly name: 'local' | 'pkcs11' | 'aws-kms'
  /** Non-secret identifier of the root key that new wraps use (stored beside each wrapped key). */
  readonly rootKeyId: string
  /**
   * Makes a random 256-bit org key and wraps it under the root key.
   * @throws KEY_UNAVAILABLE when the provider cannot be reached.
   */
  generateOrgKey(context: OrgKeyContext): Promise<GeneratedOrgKey>
  /**
   * Opens a wrapped org key into secure memory.
   * @throws DECRYPTION_FAILED when the wrap is not valid for this context; KEY_UNAVAILABLE when the provider cannot be reached.
   */
  unwrapOrgKey(wrapped: Uint8Array, context: OrgKeyContext): Promise<Buffer>
}
