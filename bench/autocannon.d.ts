// The subset of autocannon's programmatic API the API bench uses (the package ships no types).
declare module 'autocannon' {
  export interface AutocannonRequest {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string
  }
  export interface AutocannonOptions {
    url: string
    connections: number
    duration: number
    method?: string
    headers?: Record<string, string>
    body?: string
    requests?: Array<AutocannonRequest & { setupRequest?: (request: AutocannonRequest) => AutocannonRequest }>
  }
  export interface Histogram {
    average: number
    mean: number
    p50: number
    p90: number
    p99: number
  }
  export interface AutocannonResult {
    requests: Histogram & { total: number }
    latency: Histogram
    errors: number
    timeouts: number
    non2xx: number
    statusCodeStats: Record<string, { count: number }>
    '2xx': number
    duration: number
  }
  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>
  export default autocannon
}
