/**
 * The subset of sodium-native that Coffer calls, typed as it behaves.
 *
 * sodium-native accepts any typed array at run time, but its type declarations ask for
 * `Buffer`. Declaring the few functions we use with `Uint8Array` parameters lets callers
 * pass views without wrapping them in a Buffer on every call. Not re-exported.
 */
import sodium from 'sodium-native'

/** The libsodium calls of `src/crypto`, with the signatures sodium-native implements. */
export interface SodiumPort {
  crypto_aead_xchacha20poly1305_ietf_encrypt(
    ciphertext: Uint8Array,
    message: Uint8Array,
    ad: Uint8Array | null,
    nsec: null,
    npub: Uint8Array,
    key: Uint8Array,
  ): number
  crypto_aead_xchacha20poly1305_ietf_decrypt(
    message: Uint8Array,
    nsec: null,
    ciphertext: Uint8Array,
    ad: Uint8Array | null,
    npub: Uint8Array,
    key: Uint8Array,
  ): number
  crypto_box_seal(ciphertext: Uint8Array, message: Uint8Array, publicKey: Uint8Array): void
  randombytes_buf(buffer: Uint8Array): void
  sodium_malloc(size: number): Buffer
  sodium_memzero(buffer: Uint8Array): void
}

/** sodium-native, seen through `SodiumPort` (the cast only widens `Buffer` to `Uint8Array`). */
export const sodiumPort = sodium as unknown as SodiumPort
