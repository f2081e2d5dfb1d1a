import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'

/** The Redis the Redis suites run against (`redis://127.0.0.1:6379` on CI); unset skips them. */
export const TEST_REDIS_URL = process.env.COFFER_TEST_REDIS_URL

/** The `skip` option for a Redis suite: false when TEST_REDIS_URL is set, else the reason. */
export const SKIP_WITHOUT_REDIS: false | string = TEST_REDIS_URL
  ? false
  : 'COFFER_TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379)'

/** A key prefix no other test run uses: `coffer-test:<label>:<time>:<random>:`. */
export function uniqueKeyPrefix(label: string): string {
  return `coffer-test:${label}:${Date.now()}:${randomBytes(4).toString('hex')}:`
}

/** A plain client on the test Redis, to inspect and clean up keys. */
export function openTestRedis(): Redis {
  if (!TEST_REDIS_URL) throw new Error('COFFER_TEST_REDIS_URL is not set')
  return new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 })
}

/** Every key under `prefix` (made by uniqueKeyPrefix, so free of glob characters). */
export async function keysWithPrefix(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = []
  let cursor = '0'
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
    keys.push(...batch)
    cursor = next
  } while (cursor !== '0')
  return keys
}

/** Deletes every key under `prefix`; returns how many there were. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<number> {
  const keys = await keysWithPrefix(redis, prefix)
  if (keys.length > 0) await redis.unlink(...keys)
  return keys.length
}
