/**
 * Tracing settings, read and checked in one place from the standard OpenTelemetry variables.
 * Tracing is off unless an OTLP endpoint is set; `OTEL_SDK_DISABLED=true` or
 * `OTEL_TRACES_EXPORTER=none` turn it off again. Spans go out as OTLP/HTTP with JSON bodies.
 */
import { CofferError } from '../errors.js'

/** The samplers of `OTEL_TRACES_SAMPLER`. */
export const SAMPLER_NAMES = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const

export type SamplerName = (typeof SAMPLER_NAMES)[number]

/** Where and how spans are exported. */
export interface TracingConfig {
  /** The OTLP/HTTP traces URL (`…/v1/traces`). */
  tracesUrl: string
  /** `OTEL_SERVICE_NAME`, default `coffer`. */
  serviceName: string
  sampler: SamplerName
  /** `OTEL_TRACES_SAMPLER_ARG` of the ratio samplers, in [0, 1]; default 1. */
  samplerRatio: number
}

function invalid(variable: string, rule: string): CofferError {
  return new CofferError('CONFIG_INVALID', `${variable}: ${rule}`)
}

function set(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim()
  return value === undefined || value === '' ? undefined : value
}

/** An http(s) URL without credentials (an exporter header carries those, not the URL). */
function checkedUrl(variable: string, value: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw invalid(variable, 'must be an absolute http(s) URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(variable, 'must be an http(s) URL')
  if (url.username !== '' || url.password !== '')
    throw invalid(variable, 'must not contain credentials (use OTEL_EXPORTER_OTLP_HEADERS)')
  return url
}

/** The traces URL: the signal-specific variable as is, or the base endpoint plus `/v1/traces`. */
function tracesUrlOf(env: NodeJS.ProcessEnv): string | undefined {
  const traces = set(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT')
  if (traces) return checkedUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', traces).toString()
  const base = set(env, 'OTEL_EXPORTER_OTLP_ENDPOINT')
  if (!base) return undefined
  const url = checkedUrl('OTEL_EXPORTER_OTLP_ENDPOINT', base)
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`
  return url.toString()
}

/**
 * Reads the tracing settings; undefined when tracing is off.
 * @throws CONFIG_INVALID naming the variable (never its value): a URL that is not http(s) or
 *   carries credentials, a protocol other than http/json, an unknown sampler or exporter, a
 *   ratio outside [0, 1], a malformed boolean or service name
 */
export function readTracingConfig(env: NodeJS.ProcessEnv = process.env): TracingConfig | undefined {
  const disabled = set(env, 'OTEL_SDK_DISABLED')?.toLowerCase()
  if (disabled !== undefined && disabled !== 'true' && disabled !== 'false')
    throw invalid('OTEL_SDK_DISABLED', 'must be true or false')
  const exporter = set(env, 'OTEL_TRACES_EXPORTER')?.toLowerCase()
  if (exporter !== undefined && exporter !== 'otlp' && exporter !== 'none')
    throw invalid('OTEL_TRACES_EXPORTER', 'must be otlp or none')
  for (const variable of ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
    const protocol = set(env, variable)
    if (protocol !== undefined && protocol !== 'http/json')
      throw invalid(variable, 'only http/json is supported')
  }
  const serviceName = set(env, 'OTEL_SERVICE_NAME') ?? 'coffer'
  if (!/^[\x21-\x7e]{1,255}$/.test(serviceName))
    throw invalid('OTEL_SERVICE_NAME', 'must be 1-255 printable ASCII characters, no spaces')
  const sampler = (set(env, 'OTEL_TRACES_SAMPLER')?.toLowerCase() ?? 'parentbased_always_on') as SamplerName
  if (!SAMPLER_NAMES.includes(sampler))
    throw invalid('OTEL_TRACES_SAMPLER', `must be one of ${SAMPLER_NAMES.join(', ')}`)
  const arg = set(env, 'OTEL_TRACES_SAMPLER_ARG')
  const samplerRatio = arg === undefined ? 1 : Number(arg)
  if (!(samplerRatio >= 0 && samplerRatio <= 1))
    throw invalid('OTEL_TRACES_SAMPLER_ARG', 'must be a number from 0 to 1')
  const tracesUrl = tracesUrlOf(env)
  if (disabled === 'true' || exporter === 'none' || tracesUrl === undefined) return undefined
  return { tracesUrl, serviceName, sampler, samplerRatio }
}
