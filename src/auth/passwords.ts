/**
 * Password hashing: Argon2id with OWASP's parameters (m=19456 KiB, t=2, p=1), stored as a PHC
 * string. Passwords are NFKC-normalised before hashing and verifying (NIST SP 800-63B), so the
 * same password typed on two keyboards is the same password.
 */
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2'
import { CofferError } from '../errors.js'

/** Shortest password accepted when one is set, in Unicode code points after NFKC. */
export const PASSWORD_MIN_LENGTH = 12
/** Longest password accepted when one is set, in Unicode code points after NFKC. */
export const PASSWORD_MAX_LENGTH = 1024

/** Argon2id (the package's `Algorithm.Argon2id`, a const enum that isolated modules cannot read). */
const ARGON2ID = 2
/** One of the OWASP Password Storage Cheat Sheet's Argon2id settings: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_PARAMETERS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

/**
 * A hash of a random password nobody kept, made once at the same parameters. Verifying against it
 * costs what a real verify costs, so an unknown email takes as long to refuse as a wrong password.
 */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$9qA9x8Lo38uht2J/pVs4PA$+o87fEyclrS641ZIEoBtnbjsxPXzc8ug1uEDaLe5gac'

/** The verification steps a login needs, as a port so tests can count them. */
export interface PasswordVerifier {
  verify(hash: string, password: string): Promise<boolean>
  verifyAgainstDummy(password: string): Promise<false>
}

function normalise(password: string): string {
  return password.normalize('NFKC')
}

/**
 * Hashes a new password with Argon2id (OWASP parameters, random 16-byte salt).
 * @returns the PHC string, e.g. `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`.
 * @throws VALIDATION_FAILED naming `password` when it is shorter than 12 or longer than 1024 characters.
 */
export async function hashPassword(password: string): Promise<string> {
  const normalised = normalise(password)
  const length = [...normalised].length
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new CofferError(
      'VALIDATION_FAILED',
      `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
    )
  }
  return argon2Hash(normalised, { ...ARGON2_PARAMETERS, algorithm: ARGON2ID })
}

/**
 * Checks a password against a stored PHC hash. A stored value that is not an Argon2 hash answers
 * false (the account cannot log in) rather than throwing.
 */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2Verify(hash, normalise(password))
  } catch {
    return false
  }
}

/** One Argon2 verify against {@link DUMMY_PASSWORD_HASH}, for logins with no hash to check. Always false. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(DUMMY_PASSWORD_HASH, password)
  return false
}

/** The Argon2id verifier logins use. */
export const ARGON2_PASSWORD_VERIFIER: PasswordVerifier = { verify: verifyPassword, verifyAgainstDummy }
