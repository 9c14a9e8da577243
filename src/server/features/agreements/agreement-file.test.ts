import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AgreementFile } from '../../../shared/agreements.ts'
import { parseAgreementFile, toJson, toYaml } from './agreement-file.ts'
import { readSeedAgreement } from './seed-files.ts'
import { AGREEMENT_SCHEMA_FILE, agreementJsonSchema } from './agreement-json-schema.ts'

const seeds = ['soenderborg-beskaeftigelse', 'varde-beskaeftigelse'] as const

function problemsOf(source: string) {
  const result = parseAgreementFile(source)
  if (result.ok) throw new Error('expected problems')
  return result.problems
}

describe('the agreement file format', () => {
  it.each(seeds)('reads the %s seed, and writing it as YAML or JSON and reading it back gives the identical agreement', (name) => {
    const { file } = readSeedAgreement(name)
    const fromYaml = parseAgreementFile(toYaml(file))
    const fromJson = parseAgreementFile(toJson(file))
    expect(fromYaml).toEqual({ ok: true, file })
    expect(fromJson).toEqual({ ok: true, file })
  })

  it('refuses a text longer than 20 000 characters (a 40 000-character board decision) with a Danish message at its path', () => {
    const { file } = readSeedAgreement('varde-beskaeftigelse')
    const problems = problemsOf(toJson({ ...file, revision: { ...file.revision, boardDecision: 'A'.repeat(40_000) } }))
    expect(problems).toEqual([expect.objectContaining({ path: 'revision.boardDecision', message: 'En tekst må højst have 20.000 tegn.' })])
  })

  it('reads a file with a byte-order mark and Windows line endings', () => {
    const { source, file } = readSeedAgreement('varde-beskaeftigelse')
    expect(parseAgreementFile(`\uFEFF${source.replaceAll('\n', '\r\n')}`)).toEqual({ ok: true, file: expect.objectContaining({ plan: file.plan }) })
  })

  it('names the line, column and path of every problem, in Danish', () => {
    const { source } = readSeedAgreement('soenderborg-beskaeftigelse')
    const lines = source.split('\n')
    const shareLine = lines.findIndex((l) => l.includes('share: 19.14'))
    const validToLine = lines.findIndex((l) => l.startsWith('  validTo:'))
    lines[shareLine] = lines[shareLine]!.replace('19.14', '"19,14 %"')
    lines[validToLine] = '  validTo: 31-08-2025'
    const problems = problemsOf(lines.join('\n'))
    expect(problems).toHaveLength(2)
    const share = problems.find((p) => p.path.endsWith('baseline.share'))!
    expect(share).toMatchObject({ line: shareLine + 1, message: 'En andel skal være et tal (procent).' })
    expect(share.column).toBeGreaterThan(1)
    expect(problems.find((p) => p.path === 'agreement.validTo')).toMatchObject({ line: validToLine + 1, message: 'Skriv en dato som ÅÅÅÅ-MM-DD, fx 2021-09-01.' })
  })

  it('places a missing field and an unknown field at the object they belong to', () => {
    const problems = problemsOf('formatVersion: 1\nplan:\n  name: X\n  municipality: Y\n  colour: blue\nrevision:\n  effectiveFrom: 2021-01-01\n')
    expect(problems).toContainEqual(expect.objectContaining({ path: 'agreement', line: 1 }))
    const unknown = problems.find((p) => p.path === 'plan')!
    expect(unknown.message).toMatch(/colour/)
    expect(unknown.line).toBe(3)
    expect(problems.find((p) => p.path === 'revision.boardDecision')).toMatchObject({ line: 7 })
  })

  it('refuses broken YAML with the place of the break', () => {
    const problems = problemsOf('formatVersion: 1\nplan:\n  name: "X\n  municipality: Y\n')
    expect(problems[0]!.line).toBeGreaterThan(0)
    expect(problems[0]!.message).toMatch(/^Filen kan ikke læses som YAML\/JSON/)
  })

  it('refuses a file of another format version', () => {
    const { source } = readSeedAgreement('varde-beskaeftigelse')
    const problems = problemsOf(source.replace('formatVersion: 1', 'formatVersion: 2'))
    expect(problems).toEqual([expect.objectContaining({ path: 'formatVersion', message: 'formatVersion skal være 1.' })])
  })

  it('refuses duplicate keys and references to goals or tables that do not exist', () => {
    const { file } = readSeedAgreement('soenderborg-beskaeftigelse')
    const broken = structuredClone(file)
    broken.agreement.activities[1]!.key = broken.agreement.activities[0]!.key
    broken.agreement.activities[2]!.goalKeys = ['findes-ikke']
    broken.agreement.activities[0]!.snapshotKeys = ['heller-ikke']
    const messages = problemsOf(toYaml(broken)).map((p) => `${p.path}: ${p.message}`)
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^agreement\.activities\.1\.key: Aktiviteten ".*" findes to gange/),
        'agreement.activities.2.goalKeys.0: Delmålet "findes-ikke" findes ikke i delaftalen.',
        'agreement.activities.0.snapshotKeys.0: Målgruppeopgørelsen "heller-ikke" findes ikke i delaftalen.',
      ]),
    )
  })

  it('reports a duplicate indicator, resource or schedule key where the duplicate stands, and a footnote mark without a footnote', () => {
    const { file } = readSeedAgreement('soenderborg-beskaeftigelse')
    const broken = structuredClone(file)
    broken.agreement.goals[2]!.indicators[0]!.key = broken.agreement.goals[0]!.indicators[0]!.key
    broken.agreement.municipalResources[0]!.key = broken.agreement.staffResources[0]!.key
    broken.agreement.activities[2]!.schedules[1]!.key = broken.agreement.activities[2]!.schedules[0]!.key
    broken.agreement.revisionRule += ' Se bilag[^7].'
    const messages = problemsOf(toYaml(broken)).map((p) => `${p.path}: ${p.message}`)
    expect(messages).toEqual([
      expect.stringMatching(/^agreement\.goals\.2\.indicators\.0\.key: Indikatoren ".*" findes to gange/),
      expect.stringMatching(/^agreement\.activities\.2\.schedules\.1\.key: Åbningstiden ".*" findes to gange/),
      expect.stringMatching(/^agreement\.municipalResources\.0\.key: Ressourcen ".*" findes to gange/),
      'agreement.revisionRule: Fodnote [^7] findes ikke under footnotes.',
    ])
  })

  it('publishes a JSON Schema that matches the format (regenerate with npm run agreement:schema)', () => {
    const published = JSON.parse(fs.readFileSync(path.resolve(AGREEMENT_SCHEMA_FILE), 'utf8'))
    expect(published).toEqual(agreementJsonSchema())
    expect(z.toJSONSchema(AgreementFile, { io: 'input' }).required).toEqual(['formatVersion', 'plan', 'revision', 'agreement'])
  })
})
