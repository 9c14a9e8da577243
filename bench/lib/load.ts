// A closed-loop HTTP load generator: `connections` keep-alive sockets, each sending the next request
// as soon as the previous answer is read, for `seconds`. Reports requests per second and latency
// percentiles. Small and dependency-free so the app and its baseline are driven identically.
import http from 'node:http'

export interface LoadResult {
  requests: number
  perSecond: number
  p50Ms: number
  p99Ms: number
  non2xx: number
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return 0
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * p) - 1))]!
}

export async function load(url: string, options: { connections: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections })
  const target = new URL(url)
  const latencies: number[] = []
  let non2xx = 0
  const end = performance.now() + options.seconds * 1000
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const t0 = performance.now()
      const req = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search, agent, headers: options.headers }, (res) => {
        res.on('data', () => {})
        res.on('end', () => {
          if (res.statusCode! < 200 || res.statusCode! >= 300) non2xx++
          latencies.push(performance.now() - t0)
          resolve()
        })
      })
      req.on('error', reject)
      req.end()
    })
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < end) await one()
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  agent.destroy()
  return {
    requests: latencies.length,
    perSecond: Math.round(latencies.length / seconds),
    p50Ms: Math.round(percentile(latencies, 0.5) * 10) / 10,
    p99Ms: Math.round(percentile(latencies, 0.99) * 10) / 10,
    non2xx,
  }
}
