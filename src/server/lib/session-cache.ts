import { AliasNode, ColumnNode, TableNode, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely'

// A short memory of what authenticating a request read: the session, its user and the user's
// memberships (decision 037). Without it every request costs a database round trip before the
// handler's own; with it, a user clicking through pages is read once per few seconds.
//
// What keeps it correct:
// - Every write this process makes to a table the lookup reads (a Kysely plugin on every connection
//   pool, `sessionTableWrites`) and every change request the app answers (app.ts, after its
//   transaction committed) moves a generation counter, which empties the memory. A lookup that
//   started before such a change is not remembered (its generation is stale), so it cannot put back
//   what the change replaced.
// - The session's times are checked on every request from the remembered row (idle time, absolute
//   end), so a session ends on time whether or not it is remembered.
// - Another process (a second server, the command line against a running server) cannot empty this
//   one's memory: its change reaches this process within SESSION_CACHE_SECONDS. 0 turns the memory off.

/** The tables whose rows the authentication query reads (users.repo.ts `findActorRowBySession`). */
const AUTHENTICATION_TABLES = new Set(['session', 'app_user', 'user_plan', 'plan_party', 'plan'])

let generation = 0

/** Moves on every forgetting: compare two readings to learn whether anything was forgotten between them. */
export function sessionGeneration(): number {
  return generation
}

/** Forgets every remembered session: after a change to who someone is or what they may do. */
export function forgetSessions(): void {
  generation++
}

interface Entry<T> {
  row: T
  until: number
}

/** Remembered rows by session id, for one database (the app's pool). */
export class SessionCache<T> {
  private readonly entries = new Map<string, Entry<T>>()
  private seenGeneration = generation

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** The current generation: pass it to `set` with the row read after asking for it. */
  generation(): number {
    return generation
  }

  get(id: string, nowMs = performance.now()): T | undefined {
    this.sync()
    const entry = this.entries.get(id)
    if (!entry) return undefined
    if (entry.until <= nowMs) {
      this.entries.delete(id)
      return undefined
    }
    return entry.row
  }

  /** Remembers `row` unless something changed since `readAt` (the generation before the read). */
  set(id: string, row: T, readAt: number, nowMs = performance.now()): void {
    if (this.ttlMs <= 0 || readAt !== generation) return
    this.sync()
    if (this.entries.size >= this.maxEntries) this.entries.clear()
    this.entries.set(id, { row, until: nowMs + this.ttlMs })
  }

  /** Changes a remembered row in place (its last-seen time after the request renewed it). */
  update(id: string, change: (row: T) => T): void {
    const entry = this.entries.get(id)
    if (entry) entry.row = change(entry.row)
  }

  delete(id: string): void {
    this.entries.delete(id)
  }

  private sync(): void {
    if (this.seenGeneration !== generation) {
      this.entries.clear()
      this.seenGeneration = generation
    }
  }
}

/**
 * A write that cannot make a remembered row wrong: a new session (no one has it yet), and the
 * renewal of a session's last-seen time, which resolveSession writes into the remembered row too.
 */
function harmless(node: RootOperationNode, table: string): boolean {
  if (table !== 'session') return false
  if (node.kind === 'InsertQueryNode') return true
  return node.kind === 'UpdateQueryNode' && (node.updates ?? []).every((u) => ColumnNode.is(u.column) && u.column.column.name === 'last_seen_at')
}

function writtenTable(node: RootOperationNode): string | null {
  const table =
    node.kind === 'InsertQueryNode' ? node.into : node.kind === 'UpdateQueryNode' ? node.table : node.kind === 'DeleteQueryNode' ? node.from.froms[0] : node.kind === 'MergeQueryNode' ? node.into : undefined
  if (!table) return null
  const inner = AliasNode.is(table) ? table.node : table
  return TableNode.is(inner) ? inner.table.identifier.name : null
}

/** A Kysely plugin: a write to a table the authentication reads forgets every remembered session. */
export const sessionTableWrites: KyselyPlugin = {
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    const table = writtenTable(node)
    if (table && AUTHENTICATION_TABLES.has(table) && !harmless(node, table)) forgetSessions()
    return node
  },
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result
  },
}
