// CPU time used by processes, from /proc (Linux): on a shared machine, throughput moves with
// everyone else's load, but the CPU a request costs its server and PostgreSQL does not. Used by the
// api and soak benches.
import fs from 'node:fs'

/** Clock ticks per second of /proc/<pid>/stat on Linux (USER_HZ). */
const TICKS_PER_SECOND = 100

function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name may contain spaces; the fields after it are plain.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return null
  }
}

/** User plus system CPU milliseconds of the processes (those that have exited count 0). */
export function cpuMs(pids: readonly number[]): number {
  let ticks = 0
  for (const pid of pids) {
    const f = statFields(pid)
    if (f) ticks += Number(f[11]) + Number(f[12])
  }
  return (ticks * 1000) / TICKS_PER_SECOND
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
 * On-CPU nanoseconds of the processes from /proc/<pid>/schedstat (those that have exited count 0):
 * finer than stat's 10 ms ticks, for blocks of a few requests.
 */
export function cpuNs(pids: readonly number[]): number {
  let ns = 0
  for (const pid of pids) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0])
    } catch {
      // exited
    }
  }
  return ns
}
