// Summarises a V8 .cpuprofile by where the time went: self time per package (or "app", "node
// internals", "garbage collector", "idle"), as shares of all samples. Used by bench/api.ts.
import fs from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string }
  hitCount?: number
}

export function summariseProfile(file: string): Record<string, number> {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[] }
  const totals = new Map<string, number>()
  let all = 0
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0
    if (!hits) continue
    all += hits
    const { url, functionName } = node.callFrame
    let where: string
    if (functionName === '(idle)') where = 'idle (waiting for PostgreSQL or the network)'
    else if (functionName === '(garbage collector)') where = 'garbage collector'
    else if (functionName === '(program)') where = 'native (sockets, parsing, V8)'
    else if (url.includes('node_modules/')) where = url.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
    else if (url.startsWith('node:') || url === '') where = 'node internals'
    else where = 'indsats'
    totals.set(where, (totals.get(where) ?? 0) + hits)
  }
  return Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round((v / all) * 1000) / 10]))
}
