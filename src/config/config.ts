import { z } from 'zod'
import { CofferError } from '../errors.js'

/** Coffer's configuration, read once from the environment at start. */
export interface CofferConfig {
  /** PostgreSQL URL; undefined means the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined
  dataDir: string
  keyProvider: 'local'
  /** 32 bytes, or undefined before dev-mode secrets are filled in. */
  masterKey: Buffer | undefined
  tokenSecret: Buffer | undefined
  listen: { host: string; port: number }
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  bodyLimitBytes: number
  keyCacheTtlSeconds: number
  keyCacheMaxEntries: number
  production: boolean
}

const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/

function secretKey(name: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return undefined
      if (!BASE64_32_BYTES.test(value.trim())) {
        ctx.addIssue({ code: 'custom', message: `${name} must be 32 bytes in base64 (44 characters)` })
        return z.NEVER
      }
      return Buffer.from(value.trim(), 'base64')
    })
}

function listenAddress(value: string, ctx: z.RefinementCtx): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value)
  const port = Number(match?.[2])
  if (!match || port > 65535) {
    ctx.addIssue({ code: 'custom', message: 'COFFER_LISTEN must be host:port, e.g. 127.0.0.1:8080' })
    return z.NEVER
  }
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port }
}

function positiveInt(name: string, fallback: number) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback
      const parsed = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN
      if (!Number.isSafeInteger(parsed) || parsed <= 0) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a positive integer` })
        return z.NEVER
      }
      return parsed
    })
}

const ENV_SCHEMA = z.object({
  COFFER_DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\//.test(v), {
      message: 'COFFER_DATABASE_URL must be a postgres:// URL',
    }),
  COFFER_DATA_DIR: z.string().min(1).default('./.coffer'),
  COFFER_KEY_PROVIDER: z.enum(['local'], { message: 'COFFER_KEY_PROVIDER must be local' }).default('local'),
  COFFER_MASTER_KEY: secretKey('COFFER_MASTER_KEY'),
  COFFER_TOKEN_SECRET: secretKey('COFFER_TOKEN_SECRET'),
  COFFER_LISTEN: z.string().default('127.0.0.1:8080').transform(listenAddress),
  COFFER_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'COFFER_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  COFFER_BODY_LIMIT_BYTES: positiveInt('COFFER_BODY_LIMIT_BYTES', 2 * 1024 * 1024),
  COFFER_KEY_CACHE_TTL_SECONDS: positiveInt('COFFER_KEY_CACHE_TTL_SECONDS', 300),
  COFFER_KEY_CACHE_MAX_ENTRIES: positiveInt('COFFER_KEY_CACHE_MAX_ENTRIES', 10_000),
  NODE_ENV: z.string().optional(),
})

/**
 * Reads and validates the environment. Messages name the variable, never its value.
 * @throws CONFIG_INVALID
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CofferConfig {
  const parsed = ENV_SCHEMA.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.code === 'custom' || issue.message.startsWith('COFFER_')
        ? issue.message
        : `${issue.path.join('.')} is invalid`,
    )
    throw new CofferError('CONFIG_INVALID', problems.join('; '))
  }
  const e = parsed.data
  return {
    databaseUrl: e.COFFER_DATABASE_URL === '' ? undefined : e.COFFER_DATABASE_URL,
    dataDir: e.COFFER_DATA_DIR,
    keyProvider: e.COFFER_KEY_PROVIDER,
    masterKey: e.COFFER_MASTER_KEY,
    tokenSecret: e.COFFER_TOKEN_SECRET,
    listen: e.COFFER_LISTEN,
    logLevel: e.COFFER_LOG_LEVEL,
    bodyLimitBytes: e.COFFER_BODY_LIMIT_BYTES,
    keyCacheTtlSeconds: e.COFFER_KEY_CACHE_TTL_SECONDS,
    keyCacheMaxEntries: e.COFFER_KEY_CACHE_MAX_ENTRIES,
    production: e.NODE_ENV === 'production',
  }
}
