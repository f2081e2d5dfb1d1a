import type { CofferConfig } from '../config/config.js'

/** True for an address only this machine reaches: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/** The `sslmode` of a PostgreSQL URL (PGSSLMODE when the URL says none); undefined when neither does. */
function sslModeOf(databaseUrl: string, env: NodeJS.ProcessEnv): string | undefined {
  try {
    return new URL(databaseUrl).searchParams.get('sslmode') ?? env.PGSSLMODE ?? undefined
  } catch {
    return env.PGSSLMODE
  }
}

/**
 * What in this configuration weakens a deployment, one sentence each, naming variables and never
 * their values: development mode, plain HTTP on an address other machines reach, outbound requests
 * to private targets allowed in production, and a database connection whose TLS is not verified.
 */
export function configWarnings(
  config: CofferConfig,
  options: { devMode: boolean; env: NodeJS.ProcessEnv },
): string[] {
  const warnings: string[] = []
  if (options.devMode) {
    warnings.push('development mode: generated keys sit in COFFER_DATA_DIR beside the database')
  }
  if (!config.tls && !isLoopbackHost(config.listen.host)) {
    warnings.push(
      'COFFER_LISTEN is not a loopback address and COFFER_TLS_CERT_FILE is unset: the API speaks plain HTTP to the network',
    )
  }
  if (config.production && !config.requirePublicTargets) {
    warnings.push(
      'NODE_ENV=production with COFFER_WEBHOOKS_REQUIRE_PUBLIC_TARGETS=false: outbound requests may reach private addresses',
    )
  }
  if (config.databaseUrl && sslModeOf(config.databaseUrl, options.env) !== 'verify-full') {
    warnings.push(
      'COFFER_DATABASE_URL does not say sslmode=verify-full: the connection to PostgreSQL is not TLS with a verified server',
    )
  }
  return warnings
}
