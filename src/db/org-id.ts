import { CofferError } from '../errors.js'

/** An org's id, checked once at the edge. A raw string cannot be passed where an OrgId is expected. */
export type OrgId = string & { readonly __brand: 'OrgId' }

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** True for a lower-case canonical UUID. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value)
}

/**
 * Brands a canonical UUID as an OrgId.
 * @throws VALIDATION_FAILED when `value` is not a lower-case canonical UUID.
 */
export function asOrgId(value: string): OrgId {
  if (!isUuid(value)) throw new CofferError('VALIDATION_FAILED', 'org id must be a UUID')
  return value as OrgId
}
