import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Role } from '../../shared/users.ts'

// What a role may see or do is decided in one place, the access policy (src/shared/permissions.ts),
// which both the server and the web ask. A comparison of a role name anywhere else is a second,
// hand-kept copy of a decision that will drift from the table. This test reads the source and finds
// such comparisons. `boligsocial` and `jobcenter` are also the names of the two parties in consent
// data, so those two count only where they are compared with something that is a role.

const SRC = path.resolve(import.meta.dirname, '../..')
const POLICY = path.join(SRC, 'shared', 'permissions.ts')

const quoted = (names: readonly string[]) => `['"\`](?:${names.join('|')})['"\`]`
const anyRole = quoted(Role.options)
// Names that are never anything but a role.
const roleOnly = quoted(Role.options.filter((r) => r !== 'boligsocial' && r !== 'jobcenter'))
// Something that holds a role: `role`, `user.role`, `grant.actor.role`, `actorRole`, `row?.role`.
const roleValue = String.raw`[\w.?]*[Rr]ole\b`
const comparison = String.raw`\s*[!=]==?\s*`
// A list of role names with at least one name that is only a role (so the two parties pass).
const roleList = String.raw`\[(?=[^\]]*${roleOnly})\s*${anyRole}(?:\s*,\s*${anyRole})*\s*,?\s*\]`

const patterns: { what: string; re: RegExp }[] = [
  { what: 'a role compared with a role name', re: new RegExp(`${roleValue}${comparison}${anyRole}|${anyRole}${comparison}${roleValue}`, 'g') },
  { what: 'a role name compared with something', re: new RegExp(`[!=]==?\\s*${roleOnly}|${roleOnly}${comparison}`, 'g') },
  { what: 'a switch case on a role name', re: new RegExp(`case\\s+${roleOnly}\\s*:`, 'g') },
  { what: 'a role looked up in a hand-kept list', re: new RegExp(String.raw`\.(?:includes|indexOf|has)\(\s*${roleValue}\s*\)`, 'g') },
  { what: 'a hand-kept list of roles', re: new RegExp(String.raw`Role\[\]\s*=|Role\.(?:extract|exclude)\(|${roleList}`, 'g') },
]

export interface Finding {
  line: number
  what: string
  text: string
}

function lineOf(source: string, index: number): number {
  return source.slice(0, index).split('\n').length
}

/** The body of each `switch (…role…) { … }`, where `case 'jobcenter':` means a role, not a party. */
function roleSwitchBodies(source: string): { start: number; body: string }[] {
  const bodies: { start: number; body: string }[] = []
  for (const m of source.matchAll(new RegExp(String.raw`switch\s*\(\s*${roleValue}\s*\)\s*\{`, 'g'))) {
    const start = m.index + m[0].length
    let depth = 1
    let i = start
    while (i < source.length && depth > 0) {
      if (source[i] === '{') depth++
      else if (source[i] === '}') depth--
      i++
    }
    bodies.push({ start, body: source.slice(start, i - 1) })
  }
  return bodies
}

export function findRoleComparisons(source: string): Finding[] {
  const findings: Finding[] = []
  const add = (index: number, what: string, text: string) => findings.push({ line: lineOf(source, index), what, text })
  for (const { what, re } of patterns) {
    for (const m of source.matchAll(re)) {
      // The enumeration of roles itself is the vocabulary, not a decision.
      if (what === 'a hand-kept list of roles' && /z\.enum\(\s*$/.test(source.slice(0, m.index))) continue
      add(m.index, what, m[0])
    }
  }
  for (const { start, body } of roleSwitchBodies(source)) {
    for (const m of body.matchAll(new RegExp(`case\\s+${anyRole}\\s*:`, 'g'))) add(start + m.index, 'a switch case on a role', m[0])
  }
  // One finding per line is enough to point at it.
  return findings.filter((f, i) => findings.findIndex((g) => g.line === f.line) === i).sort((a, b) => a.line - b.line)
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(file)
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name) || file === POLICY) return []
    return [file]
  })
}

describe('the role-comparison search', () => {
  it.each([
    ["const suppress = grant.actor.role === 'bestyrelse'"],
    ["if (user.role !== 'admin') return"],
    ["if ('projektleder' === role) return"],
    ["switch (role) {\n  case 'boligsocial':\n    return 'boligsocial'\n}"],
    ["switch (role) {\n  case 'admin':\n    return true\n}"],
    ["export const EDITORS: readonly Role[] = ['projektleder', 'admin']"],
    ["<RequireSession roles={['admin']}>"],
    ['const staff = STAFF.includes(user.role)'],
    ["const clerks = Role.exclude(['bestyrelse'])"],
  ])('finds a decision made by role name: %s', (source) => {
    expect(findRoleComparisons(source)).not.toEqual([])
  })

  it.each([
    ["const other = r.owner_party === 'boligsocial' ? 'jobcenter' : 'boligsocial'"],
    ["export const PARTIES = ['boligsocial', 'jobcenter'] as const"],
    ["switch (party) {\n  case 'jobcenter':\n    return 'Jobcenter'\n}"],
    ["const user = { role: 'admin' }"],
    ["export const Role = z.enum(['admin', 'projektleder', 'boligsocial', 'jobcenter', 'bestyrelse'])"],
    ["const db = createDb(url, { role: 'owner' })"],
    ["if (options.role === 'app') client.query('set role app')"],
  ])('leaves alone what is not a decision by role: %s', (source) => {
    expect(findRoleComparisons(source)).toEqual([])
  })
})

describe('the source outside the access policy', () => {
  it('compares no role name to decide what a user may see or do', () => {
    const found = sourceFiles(SRC).flatMap((file) =>
      findRoleComparisons(fs.readFileSync(file, 'utf8')).map((f) => `${path.relative(SRC, file)}:${f.line}: ${f.what}: ${f.text}`),
    )
    expect(found).toEqual([])
  })
})
