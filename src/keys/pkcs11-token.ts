/**
 * PKCS#11 token plumbing for the `pkcs11` root provider: loading the module once per process,
 * finding the token and root key objects, and telling a bad wrap from a failing device. The only
 * other file that imports pkcs11js is pkcs11-root-provider.ts.
 */
import pkcs11js from 'pkcs11js'
import { CofferError } from '../errors.js'

/**
 * A loaded PKCS#11 module. Cryptoki state (initialisation, logins, sessions) belongs to the
 * process, not to a `PKCS11` object, so every provider on one module path shares one entry.
 * `generation` counts re-initialisations, each of which ends every session opened before it.
 */
export interface LoadedModule {
  pkcs11: pkcs11js.PKCS11
  generation: number
  users: number
}

const LOADED_MODULES = new Map<string, LoadedModule>()

/** PIN refusals are not retried: each retry with a wrong PIN brings a real HSM closer to locking it. */
export const PIN_REFUSALS = new Set([
  pkcs11js.CKR_PIN_INCORRECT,
  pkcs11js.CKR_PIN_INVALID,
  pkcs11js.CKR_PIN_LEN_RANGE,
  pkcs11js.CKR_PIN_EXPIRED,
  pkcs11js.CKR_PIN_LOCKED,
])

/**
 * What C_Decrypt answers for a wrap that fails authentication: the standard codes, and
 * CKR_GENERAL_ERROR, which is how SoftHSM 2.6 reports a GCM tag mismatch. A probe of the session
 * tells such an answer apart from a failing device (see `decryptWithRoot`).
 */
export const BAD_WRAP_ANSWERS = new Set([
  pkcs11js.CKR_ENCRYPTED_DATA_INVALID,
  pkcs11js.CKR_ENCRYPTED_DATA_LEN_RANGE,
  pkcs11js.CKR_DATA_INVALID,
  pkcs11js.CKR_DATA_LEN_RANGE,
  pkcs11js.CKR_GENERAL_ERROR,
  pkcs11js.CKR_FUNCTION_FAILED,
])

export function returnValueOf(error: unknown): number | undefined {
  return error instanceof pkcs11js.Pkcs11Error ? error.code : undefined
}

export function unavailable(message: string, cause?: unknown): CofferError {
  return new CofferError('KEY_UNAVAILABLE', message, { cause })
}

export function quietly(call: () => void): void {
  try {
    call()
  } catch {
    // Releasing resources on a token that is gone: nothing useful to do with the error.
  }
}

export function initialize(pkcs11: pkcs11js.PKCS11, modulePath: string): void {
  try {
    pkcs11.C_Initialize()
  } catch (error) {
    // Another PKCS11 object in this process initialised the library first; its state is ours too.
    if (returnValueOf(error) === pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED) return
    throw unavailable(`PKCS#11 module "${modulePath}" could not be initialised`, error)
  }
}

export function loadModule(modulePath: string): LoadedModule {
  const loaded = LOADED_MODULES.get(modulePath)
  if (loaded) return loaded
  const pkcs11 = new pkcs11js.PKCS11()
  try {
    pkcs11.load(modulePath)
  } catch (error) {
    throw unavailable(`PKCS#11 module "${modulePath}" could not be loaded`, error)
  }
  initialize(pkcs11, modulePath)
  const module: LoadedModule = { pkcs11, generation: 0, users: 0 }
  LOADED_MODULES.set(modulePath, module)
  return module
}

/** The last provider on a module is gone: finalise and unload it (errors tolerated). */
export function unloadModule(module: LoadedModule, modulePath: string): void {
  LOADED_MODULES.delete(modulePath)
  quietly(() => module.pkcs11.C_Finalize())
  quietly(() => module.pkcs11.close())
}

/**
 * C_Finalize then C_Initialize. SoftHSM (like several HSM clients) scans its tokens only when
 * initialised and keeps failing on a token that went away even after it is back, so this is how
 * a provider finds a returned token. It ends every session of the module: `generation` tells the
 * other providers to open new ones.
 */
export function reinitialize(module: LoadedModule, modulePath: string): void {
  quietly(() => module.pkcs11.C_Finalize())
  module.generation += 1
  initialize(module.pkcs11, modulePath)
}

export function findTokenSlot(pkcs11: pkcs11js.PKCS11, tokenLabel: string): Buffer {
  let slots: Buffer[]
  try {
    slots = pkcs11.C_GetSlotList(true)
  } catch (error) {
    throw unavailable('PKCS#11 slots could not be listed', error)
  }
  let lastError: unknown
  for (const slot of slots) {
    try {
      if (pkcs11.C_GetTokenInfo(slot).label.trimEnd() === tokenLabel) return slot
    } catch (error) {
      lastError = error // a token that cannot describe itself is not one we can use
    }
  }
  throw unavailable(`PKCS#11 token "${tokenLabel}" not found`, lastError)
}

export function findSecretKey(pkcs11: pkcs11js.PKCS11, session: Buffer, label: string): Buffer[] {
  pkcs11.C_FindObjectsInit(session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
    { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
    { type: pkcs11js.CKA_LABEL, value: label },
  ])
  try {
    return pkcs11.C_FindObjects(session, 2)
  } finally {
    pkcs11.C_FindObjectsFinal(session)
  }
}

/** Refuses a root key that could leave the token or is not AES-256: the provider's promise depends on it. */
export function assertRootKeyShape(
  pkcs11: pkcs11js.PKCS11,
  session: Buffer,
  key: Buffer,
  where: string,
): void {
  const [sensitive, extractable, length] = pkcs11.C_GetAttributeValue(session, key, [
    { type: pkcs11js.CKA_SENSITIVE },
    { type: pkcs11js.CKA_EXTRACTABLE },
    { type: pkcs11js.CKA_VALUE_LEN },
  ])
  if (sensitive?.value[0] !== 1 || extractable?.value[0] !== 0) {
    throw unavailable(`${where} is extractable or not sensitive; a root key must never leave the token`)
  }
  // CK_ULONG in host byte order (little-endian on x86-64 and arm64): 32 in the low byte, zeros after.
  if (length?.value[0] !== 32 || length.value.subarray(1).some((byte) => byte !== 0)) {
    throw unavailable(`${where} is not an AES-256 key`)
  }
}
