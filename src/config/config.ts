import { z } from 'zod'
import type { PlanTable } from '../auth/scopes.js'
import { CofferError } from '../errors.js'
import { RedactedString } from '../internal/redacted.js'
import { readPlanTable } from '../operator/plans.js'

/** Settings of the root key provider chosen by `COFFER_KEY_PROVIDER`. */
export type KeyProviderConfig =
  | { name: 'local'; previousMasterKeys: Buffer[] }
  | {
      name: 'pkcs11'
      modulePath: string
      tokenLabel: string
      /** Self-redacting: printing or logging the config never shows it. */
      pin: RedactedString
      keyLabel: string
      previousKeyLabels: string[]
    }
  | { name: 'aws-kms'; keyId: string; previousKeyIds: string[]; region: string; endpoint: string | undefined }

/** Coffer's configuration, read once from the environment at start. */
export interface CofferConfig {
  /** PostgreSQL URL; undefined means the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined
  /**
   * `COFFER_DATABASE_PREPARED_STATEMENTS`: statements are prepared once per connection and their
   * plans kept (PostgreSQL); off for a pooler that cannot carry them (PgBouncer before 1.21).
   */
  preparedStatements: boolean
  dataDir: string
  keyProvider: KeyProviderConfig
  /** 32 bytes (local provider), or undefined before dev-mode secrets are filled in. */
  masterKey: Buffer | undefined
  tokenSecret: Buffer | undefined
  listen: { host: string; port: number }
  /** `COFFER_TLS_CERT_FILE` / `_KEY_FILE` / `_CA_FILE`: the API speaks HTTPS; undefined: plain HTTP. */
  tls: { certFile: string; keyFile: string; caFile: string | undefined } | undefined
  /** `COFFER_METRICS_LISTEN`: where `GET /metrics` is served apart from the API; undefined: off. */
  metricsListen: { host: string; port: number } | undefined
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  bodyLimitBytes: number
  /**
   * Socket time limits of the HTTP server, in milliseconds: the whole request with its body
   * (`COFFER_REQUEST_TIMEOUT_MS`), the request line and headers (`COFFER_HEADERS_TIMEOUT_MS`, at
   * most the request limit), and an idle kept-alive connection (`COFFER_KEEP_ALIVE_TIMEOUT_MS`).
   */
  httpTimeouts: { requestMs: number; headersMs: number; keepAliveMs: number }
  keyCacheTtlSeconds: number
  keyCacheMaxEntries: number
  keyCacheMaxUses: number
  rotationBatchSize: number
  /** Redis for rate limits shared by every instance; undefined keeps them in this process's memory. */
  redisUrl: string | undefined
  /** `COFFER_TRUST_PROXY`: proxies whose X-Forwarded-For is believed (addresses, CIDRs); parsed by the server. */
  trustProxy: string | undefined
  /** What the rate limiter does when Redis is unreachable, per kind of limit. */
  rateLimitFailModes: { tokens: 'open' | 'closed'; login: 'open' | 'closed' }
  /**
   * `COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS`: every outbound request (webhooks, secret verifiers)
   * goes only to https targets whose addresses are all public.
   */
  requirePublicTargets: boolean
  /**
   * `COFFER_AUDIT_ORIGIN`: the log identity in each org's checkpoints; an org's origin line and
   * checkpoint key name are `<origin>/<org id>`. A schema-less URL with no spaces or `+`.
   */
  auditOrigin: string
  /**
   * `COFFER_CONNECTORS_REDIRECT_URL`: this server's OAuth callback as providers redirect to it
   * (`https://<host>/v1/connectors/callback`); unset: connector authorizations are off.
   */
  connectorsRedirectUrl: string | undefined
  /** `COFFER_AUDIT_CHECKPOINT_DIR`: also write every signed checkpoint as a file under it. */
  auditCheckpointDir: string | undefined
  /** `COFFER_PLANS`: the deployer's plans by name (rate limit and quotas); unset: free, pro, enterprise. */
  plans: PlanTable
  /**
   * Where `requirePublicTargets` came from: `env` (the variable was set), `production` (unset with
   * NODE_ENV=production: on by default), `default` (unset elsewhere: off).
   */
  requirePublicTargetsSource: 'env' | 'production' | 'default'
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

function listenAddress(name: string, example: string) {
  return (value: string, ctx: z.RefinementCtx): { host: string; port: number } => {
    const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value)
    const port = Number(match?.[2])
    if (!match || port > 65535) {
      ctx.addIssue({ code: 'custom', message: `${name} must be host:port, e.g. ${example}` })
      return z.NEVER
    }
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port }
  }
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

function base64KeyList(name: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const items = (value ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
      if (items.some((item) => !BASE64_32_BYTES.test(item))) {
        ctx.addIssue({ code: 'custom', message: `${name} must be comma-separated 32-byte base64 keys` })
        return z.NEVER
      }
      return items.map((item) => Buffer.from(item, 'base64'))
    })
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}

const ENV_SCHEMA = z.object({
  COFFER_DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\//.test(v), {
      message: 'COFFER_DATABASE_URL must be a postgres:// URL',
    }),
  COFFER_DATABASE_PREPARED_STATEMENTS: z
    .enum(['on', 'off'], { message: 'COFFER_DATABASE_PREPARED_STATEMENTS must be on or off' })
    .default('on'),
  COFFER_DATA_DIR: z.string().min(1).default('./.coffer'),
  COFFER_KEY_PROVIDER: z
    .enum(['local', 'pkcs11', 'aws-kms'], { message: 'COFFER_KEY_PROVIDER must be local, pkcs11 or aws-kms' })
    .default('local'),
  COFFER_MASTER_KEY: secretKey('COFFER_MASTER_KEY'),
  COFFER_MASTER_KEY_PREVIOUS: base64KeyList('COFFER_MASTER_KEY_PREVIOUS'),
  COFFER_PKCS11_MODULE: z.string().optional(),
  COFFER_PKCS11_TOKEN_LABEL: z.string().optional(),
  COFFER_PKCS11_PIN: z.string().optional(),
  COFFER_PKCS11_KEY_LABEL: z.string().optional(),
  COFFER_PKCS11_KEY_LABEL_PREVIOUS: z.string().optional(),
  COFFER_AWS_KMS_KEY_ID: z.string().optional(),
  COFFER_AWS_KMS_KEY_ID_PREVIOUS: z.string().optional(),
  COFFER_AWS_REGION: z.string().optional(),
  AWS_REGION: z.string().optional(),
  COFFER_AWS_KMS_ENDPOINT: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^https?:\/\//.test(v), {
      message: 'COFFER_AWS_KMS_ENDPOINT must be an http(s) URL',
    }),
  COFFER_TOKEN_SECRET: secretKey('COFFER_TOKEN_SECRET'),
  COFFER_LISTEN: z
    .string()
    .default('127.0.0.1:8080')
    .transform(listenAddress('COFFER_LISTEN', '127.0.0.1:8080')),
  COFFER_TLS_CERT_FILE: z.string().optional(),
  COFFER_TLS_KEY_FILE: z.string().optional(),
  COFFER_TLS_CA_FILE: z.string().optional(),
  COFFER_METRICS_LISTEN: z
    .string()
    .default('127.0.0.1:9464')
    .transform((value, ctx) =>
      value === 'off'
        ? undefined
        : listenAddress('COFFER_METRICS_LISTEN', '127.0.0.1:9464 (or off)')(value, ctx),
    ),
  COFFER_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'COFFER_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  COFFER_BODY_LIMIT_BYTES: positiveInt('COFFER_BODY_LIMIT_BYTES', 2 * 1024 * 1024),
  COFFER_REQUEST_TIMEOUT_MS: positiveInt('COFFER_REQUEST_TIMEOUT_MS', 30_000),
  COFFER_HEADERS_TIMEOUT_MS: positiveInt('COFFER_HEADERS_TIMEOUT_MS', 10_000),
  COFFER_KEEP_ALIVE_TIMEOUT_MS: positiveInt('COFFER_KEEP_ALIVE_TIMEOUT_MS', 65_000),
  COFFER_KEY_CACHE_TTL_SECONDS: positiveInt('COFFER_KEY_CACHE_TTL_SECONDS', 300),
  COFFER_KEY_CACHE_MAX_ENTRIES: positiveInt('COFFER_KEY_CACHE_MAX_ENTRIES', 10_000),
  COFFER_KEY_CACHE_MAX_USES: positiveInt('COFFER_KEY_CACHE_MAX_USES', 1_000_000),
  COFFER_ROTATION_BATCH_SIZE: positiveInt('COFFER_ROTATION_BATCH_SIZE', 500),
  COFFER_REDIS_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^rediss?:\/\//.test(v), {
      message: 'COFFER_REDIS_URL must be a redis:// or rediss:// URL',
    }),
  COFFER_TRUST_PROXY: z.string().optional(),
  COFFER_RATE_LIMIT_FAIL_MODE_TOKENS: z
    .enum(['open', 'closed'], { message: 'COFFER_RATE_LIMIT_FAIL_MODE_TOKENS must be open or closed' })
    .default('open'),
  COFFER_RATE_LIMIT_FAIL_MODE_LOGIN: z
    .enum(['open', 'closed'], { message: 'COFFER_RATE_LIMIT_FAIL_MODE_LOGIN must be open or closed' })
    .default('closed'),
  COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS: z
    .enum(['true', 'false', ''], { message: 'COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS must be true or false' })
    .optional(),
  COFFER_AUDIT_ORIGIN: z
    .string()
    .regex(/^[^\s+]+$/, { message: 'COFFER_AUDIT_ORIGIN must be non-empty, with no spaces or +' })
    .regex(/[^/]$/, { message: 'COFFER_AUDIT_ORIGIN must not end in /' })
    .default('coffer.local/audit'),
  COFFER_AUDIT_CHECKPOINT_DIR: z.string().optional(),
  COFFER_CONNECTORS_REDIRECT_URL: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return undefined
      let url: URL | undefined
      try {
        url = new URL(value)
      } catch {
        url = undefined
      }
      if (
        !url ||
        (url.protocol !== 'https:' && url.protocol !== 'http:') ||
        url.username !== '' ||
        url.password !== '' ||
        url.hash !== '' ||
        value.length > 2048
      ) {
        ctx.addIssue({
          code: 'custom',
          message:
            'COFFER_CONNECTORS_REDIRECT_URL must be an absolute http(s) URL without credentials or fragment',
        })
        return z.NEVER
      }
      return url.toString()
    }),
  COFFER_PLANS: z.string().optional(),
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
  if (e.COFFER_HEADERS_TIMEOUT_MS > e.COFFER_REQUEST_TIMEOUT_MS) {
    throw new CofferError(
      'CONFIG_INVALID',
      'COFFER_HEADERS_TIMEOUT_MS must not exceed COFFER_REQUEST_TIMEOUT_MS',
    )
  }
  return {
    keyProvider: keyProviderConfig(e),
    databaseUrl: e.COFFER_DATABASE_URL === '' ? undefined : e.COFFER_DATABASE_URL,
    preparedStatements: e.COFFER_DATABASE_PREPARED_STATEMENTS === 'on',
    dataDir: e.COFFER_DATA_DIR,
    masterKey: e.COFFER_MASTER_KEY,
    tokenSecret: e.COFFER_TOKEN_SECRET,
    listen: e.COFFER_LISTEN,
    metricsListen: e.COFFER_METRICS_LISTEN,
    tls: tlsFiles(e),
    logLevel: e.COFFER_LOG_LEVEL,
    bodyLimitBytes: e.COFFER_BODY_LIMIT_BYTES,
    httpTimeouts: {
      requestMs: e.COFFER_REQUEST_TIMEOUT_MS,
      headersMs: e.COFFER_HEADERS_TIMEOUT_MS,
      keepAliveMs: e.COFFER_KEEP_ALIVE_TIMEOUT_MS,
    },
    keyCacheTtlSeconds: e.COFFER_KEY_CACHE_TTL_SECONDS,
    keyCacheMaxEntries: e.COFFER_KEY_CACHE_MAX_ENTRIES,
    keyCacheMaxUses: e.COFFER_KEY_CACHE_MAX_USES,
    rotationBatchSize: e.COFFER_ROTATION_BATCH_SIZE,
    redisUrl: e.COFFER_REDIS_URL || undefined,
    trustProxy: e.COFFER_TRUST_PROXY || undefined,
    rateLimitFailModes: {
      tokens: e.COFFER_RATE_LIMIT_FAIL_MODE_TOKENS,
      login: e.COFFER_RATE_LIMIT_FAIL_MODE_LOGIN,
    },
    ...publicTargets(e),
    auditOrigin: e.COFFER_AUDIT_ORIGIN,
    auditCheckpointDir: e.COFFER_AUDIT_CHECKPOINT_DIR || undefined,
    connectorsRedirectUrl: connectorsRedirectUrl(e),
    plans: readPlanTable(e.COFFER_PLANS),
    production: e.NODE_ENV === 'production',
  }
}

/**
 * The connectors' callback URL; under NODE_ENV=production it must be https (the code and state
 * travel in it).
 * @throws CONFIG_INVALID
 */
function connectorsRedirectUrl(e: z.output<typeof ENV_SCHEMA>): string | undefined {
  const url = e.COFFER_CONNECTORS_REDIRECT_URL
  if (url !== undefined && e.NODE_ENV === 'production' && !url.startsWith('https:')) {
    throw new CofferError('CONFIG_INVALID', 'COFFER_CONNECTORS_REDIRECT_URL must be https in production')
  }
  return url
}

/**
 * Public-targets mode: as set, else on under NODE_ENV=production (a deployment that delivers to
 * private addresses opts out with `COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS=false`), else off.
 */
function publicTargets(
  e: z.output<typeof ENV_SCHEMA>,
): Pick<CofferConfig, 'requirePublicTargets' | 'requirePublicTargetsSource'> {
  const set = e.COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS
  if (set === 'true' || set === 'false') {
    return { requirePublicTargets: set === 'true', requirePublicTargetsSource: 'env' }
  }
  return e.NODE_ENV === 'production'
    ? { requirePublicTargets: true, requirePublicTargetsSource: 'production' }
    : { requirePublicTargets: false, requirePublicTargetsSource: 'default' }
}

/**
 * The TLS files, when the API speaks HTTPS: certificate and key together, or neither.
 * @throws CONFIG_INVALID naming the variable that is missing
 */
function tlsFiles(e: z.output<typeof ENV_SCHEMA>): CofferConfig['tls'] {
  const cert = e.COFFER_TLS_CERT_FILE || undefined
  const key = e.COFFER_TLS_KEY_FILE || undefined
  const ca = e.COFFER_TLS_CA_FILE || undefined
  if (!cert && !key) {
    if (ca)
      throw new CofferError(
        'CONFIG_INVALID',
        'COFFER_TLS_CA_FILE needs COFFER_TLS_CERT_FILE and COFFER_TLS_KEY_FILE',
      )
    return undefined
  }
  if (!cert || !key) {
    throw new CofferError(
      'CONFIG_INVALID',
      `${cert ? 'COFFER_TLS_KEY_FILE' : 'COFFER_TLS_CERT_FILE'} must be set with ${cert ? 'COFFER_TLS_CERT_FILE' : 'COFFER_TLS_KEY_FILE'}`,
    )
  }
  return { certFile: cert, keyFile: key, caFile: ca }
}

/**
 * The chosen provider's settings; missing required ones are named together.
 * @throws CONFIG_INVALID
 */
function keyProviderConfig(e: z.output<typeof ENV_SCHEMA>): KeyProviderConfig {
  const require = (names: (keyof typeof e)[]) => {
    const missing = names.filter((name) => !e[name])
    if (missing.length > 0) {
      throw new CofferError(
        'CONFIG_INVALID',
        `${missing.join(', ')} must be set for COFFER_KEY_PROVIDER=${e.COFFER_KEY_PROVIDER}`,
      )
    }
  }
  switch (e.COFFER_KEY_PROVIDER) {
    case 'local':
      return { name: 'local', previousMasterKeys: e.COFFER_MASTER_KEY_PREVIOUS }
    case 'pkcs11':
      require([
        'COFFER_PKCS11_MODULE',
        'COFFER_PKCS11_TOKEN_LABEL',
        'COFFER_PKCS11_PIN',
        'COFFER_PKCS11_KEY_LABEL',
      ])
      return {
        name: 'pkcs11',
        modulePath: e.COFFER_PKCS11_MODULE!,
        tokenLabel: e.COFFER_PKCS11_TOKEN_LABEL!,
        pin: new RedactedString(e.COFFER_PKCS11_PIN!),
        keyLabel: e.COFFER_PKCS11_KEY_LABEL!,
        previousKeyLabels: list(e.COFFER_PKCS11_KEY_LABEL_PREVIOUS),
      }
    case 'aws-kms': {
      require(['COFFER_AWS_KMS_KEY_ID'])
      const region = e.COFFER_AWS_REGION || e.AWS_REGION
      if (!region)
        throw new CofferError('CONFIG_INVALID', 'COFFER_AWS_REGION (or AWS_REGION) must be set for aws-kms')
      return {
        name: 'aws-kms',
        keyId: e.COFFER_AWS_KMS_KEY_ID!,
        previousKeyIds: list(e.COFFER_AWS_KMS_KEY_ID_PREVIOUS),
        region,
        endpoint: e.COFFER_AWS_KMS_ENDPOINT || undefined,
      }
    }
  }
}
