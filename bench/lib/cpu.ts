// CPU time used by processes, from /proc (Linux): on a shared machine, throughput moves with
// everyone else's load, but the CPU a request costs its server and PostgreSQL does not. Used by the
// api and participants benches.
//
// CPU is measured as the difference of two readings taken per process, never as the difference of
// two sums: a PostgreSQL backend or autovacuum worker that ends between the readings would otherwise
// take all the CPU it ever used out of the second sum, and the difference could go negative.
import fs from 'node:fs'

/** The fields of /proc/<pid>/stat after the command name (state is [0], ppid [1], starttime [19]). */
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name may contain spaces; the fields after it are plain.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return null
  }
}

/** A process and its children (for PostgreSQL: the postmaster and every backend). */
export function withChildren(pid: number): number[] {
  const pids = [pid]
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const f = statFields(Number(entry))
    if (f && Number(f[1]) === pid) pids.push(Number(entry))
  }
  return pids
}

/**
 * One reading of the processes' CPU: for each process alive when read, keyed by its pid and start
 * time (so a reused pid is another process), the on-CPU nanoseconds it has used so far, from
 * /proc/<pid>/schedstat (finer than stat's 10 ms ticks, for blocks of a few requests).
 */
export type CpuReading = ReadonlyMap<string, number>

export function readCpu(pids: readonly number[]): CpuReading {
  const reading = new Map<string, number>()
  for (const pid of pids) {
    try {
      const started = statFields(pid)?.[19]
      const ns = Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0])
      if (started !== undefined) reading.set(`${pid}@${started}`, ns)
    } catch {
      // Ended while read: not in this reading.
    }
  }
  return reading
}

/**
 * The CPU nanoseconds the processes used between two readings, summed per process: one in both
 * readings counts what it used in between; one only in the later reading started in between and
 * counts all it has used; one only in the earlier reading ended in between and counts nothing (what
 * it used before it ended can no longer be read), so the figure may be a little low but is never
 * negative.
 */
export function cpuNsBetween(before: CpuReading, after: CpuReading): number {
  let ns = 0
  for (const [process, used] of after) ns += Math.max(0, used - (before.get(process) ?? 0))
  return ns
}
