import { median, round } from '../startup.ts'

/** A seeded generator (mulberry32), so every run of a bench loads the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let x = Math.imul(a ^ (a >>> 15), 1 | a)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

/** Median and 95th percentile of `runs` calls of `fn`, after `warmup` unmeasured ones. */
export async function timeCalls(fn: () => Promise<unknown>, runs: number, warmup = 3): Promise<{ medianMs: number; p95Ms: number }> {
  for (let i = 0; i < warmup; i++) await fn()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    samples.push(performance.now() - t0)
  }
  const sorted = [...samples].sort((a, b) => a - b)
  return { medianMs: round(median(samples)), p95Ms: round(sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)]!) }
}
