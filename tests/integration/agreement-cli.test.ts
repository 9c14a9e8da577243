import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseAgreementFile } from '../../src/server/features/agreements/agreement-file.ts'
import { SEED_AGREEMENTS_DIR } from '../../src/server/features/agreements/agreements.seed.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { removeTempDataDirs, runCli, type Running, startServer, stop, tempDataDir } from '../support/process.ts'

// `npx indsats agreement …` as an operator runs it, against the real server's embedded database.

const servers: Running[] = []
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-agreement-cli-'))
afterAll(async () => {
  for (const s of servers) await stop(s)
  removeTempDataDirs()
  fs.rmSync(files, { recursive: true, force: true })
})

interface Listed {
  id: string
  plan: string
  municipality: string
  effortArea: string
  validFrom: string
  validTo: string
  revision: number
}

describe('agreements on the command line', () => {
  const dir = tempDataDir()

  it('finds both seed agreements loaded by the first start', async () => {
    const server = await startServer(dir)
    servers.push(server)
    expect(server.started).toBe(true)
    const listed = await runCli(dir, ['agreement', 'list', '--format', 'json'])
    expect(listed.code).toBe(0)
    const agreements = JSON.parse(listed.stdout) as Listed[]
    expect(agreements.map(({ id: _id, ...a }) => a)).toEqual([
      { plan: 'Aktiv i fællesskabet', municipality: 'Sønderborg', effortArea: 'Beskæftigelse', key: 'beskaeftigelse', title: 'Delaftale for indsatsområdet Beskæftigelse', validFrom: '2021-09-01', validTo: '2025-08-31', revision: 1 },
      { plan: 'Den boligsociale indsats i Isbjergparken og Lerpøtparken', municipality: 'Varde', effortArea: 'Beskæftigelse', key: 'beskaeftigelse', title: 'Delaftale for indsatsområdet Beskæftigelse', validFrom: '2022-01-01', validTo: '2025-12-31', revision: 1 },
    ])
  })

  it('exports an agreement, imports it unchanged, and imports an edited copy as revision 2 with its warnings', async () => {
    const [, varde] = JSON.parse((await runCli(dir, ['agreement', 'list', '--format', 'json'])).stdout) as Listed[]
    const out = path.join(files, 'varde.yaml')
    const exported = await runCli(dir, ['agreement', 'export', varde!.id, '--format', 'yaml', '--out', out])
    expect(exported.code).toBe(0)
    const parsed = parseAgreementFile(fs.readFileSync(out, 'utf8'))
    expect(parsed.ok && parsed.file).toEqual(readSeedAgreement('varde-beskaeftigelse').file)

    const again = await runCli(dir, ['agreement', 'import', out])
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('Uændret: indholdet er det samme som revision 1. Intet er gemt.')

    fs.writeFileSync(out, fs.readFileSync(out, 'utf8').replace('boardDecision: Delaftale som indsendt til Landsbyggefonden ved helhedsplanens start', 'boardDecision: Bestyrelsesmøde 1. marts 2023').replace('count: 121', 'count: 117'))
    const revised = await runCli(dir, ['agreement', 'import', out])
    expect(revised.code).toBe(0)
    expect(revised.stdout).toContain('Ny revision 2 af "Delaftale for indsatsområdet Beskæftigelse" for Varde.')
    expect(revised.stdout).toMatch(/! Jobcenter Varde, Kontanthjælp og integration: timerne angives for 40 uger ét sted og 44 uger et andet sted/)
  })

  it('writes Word and PDF files that are what they say they are', async () => {
    const [soenderborg] = JSON.parse((await runCli(dir, ['agreement', 'list', '--format', 'json'])).stdout) as Listed[]
    for (const [format, magic] of [
      ['docx', 'PK'],
      ['pdf', '%PDF'],
    ] as const) {
      const out = path.join(files, `soenderborg.${format}`)
      const result = await runCli(dir, ['agreement', 'export', soenderborg!.id, '--format', format, '--out', out])
      expect(result.code, result.stderr).toBe(0)
      expect(fs.readFileSync(out).subarray(0, magic.length).toString('latin1')).toBe(magic)
    }
  })

  it('refuses a broken file with the line and column of every problem, and saves nothing', async () => {
    const broken = path.join(files, 'broken.yaml')
    const source = fs.readFileSync(path.join(SEED_AGREEMENTS_DIR, 'soenderborg-beskaeftigelse.yaml'), 'utf8')
    fs.writeFileSync(broken, source.replace('share: 19.14', 'share: "19,14"').replace('validFrom: 2021-09-01', 'validFrom: 1. september 2021'))
    const before = (await runCli(dir, ['agreement', 'list', '--format', 'json'])).stdout
    const result = await runCli(dir, ['agreement', 'import', broken])
    expect(result.code).toBe(1)
    const lines = source.split('\n')
    const shareLine = lines.findIndex((l) => l.includes('share: 19.14')) + 1
    expect(result.stderr).toMatch(new RegExp(`broken\\.yaml: linje ${shareLine}, kolonne \\d+ \\(agreement\\.goals\\.0\\.indicators\\.0\\.rows\\.0\\.baseline\\.share\\): En andel skal være et tal \\(procent\\)\\.`))
    expect(result.stderr).toMatch(/linje \d+, kolonne \d+ \(agreement\.validFrom\): Skriv en dato som ÅÅÅÅ-MM-DD/)
    expect(result.stderr).toMatch(/Fejl: \S*broken\.yaml har 2 fejl\. Intet er gemt\./)
    expect((await runCli(dir, ['agreement', 'list', '--format', 'json'])).stdout).toBe(before)
  })

  it('imports a job-centre extract into the follow-up from the command line, all or nothing', async () => {
    const [soenderborg] = JSON.parse((await runCli(dir, ['agreement', 'list', '--format', 'json'])).stdout) as Listed[]
    const good = path.join(files, 'udtraek.csv')
    fs.writeFileSync(
      good,
      Buffer.from(['indikator;række;gruppe;periode;andel;antal', 'Aktiveringsgrad blandt de ledige;;område;2023K4;41,5;', 'Aktiveringsgrad blandt de ledige;;kommune;2023K4;35;'].join('\r\n'), 'latin1'),
    )
    const dry = await runCli(dir, ['values', 'import', good, '--agreement', soenderborg!.id, '--dry-run'])
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toContain('udtraek.csv: 2 værdier (csv), heraf 0 rettelser af eksisterende værdier og 0 uændrede.')
    expect(dry.stdout).toContain('Prøvekørsel: intet er gemt.')
    const saved = await runCli(dir, ['values', 'import', good, '--agreement', soenderborg!.id])
    expect(saved.stdout).toContain('Gemt: 2 værdier.')

    const broken = path.join(files, 'forkert.csv')
    fs.writeFileSync(broken, ['indikator;række;gruppe;periode;andel;antal', 'Aktiveringsgrad blandt de ledige;;område;2024K1;41,5;', 'Aktiveringsgrad blandt de ledige;;område;2024K2;141;'].join('\n'))
    const refused = await runCli(dir, ['values', 'import', broken, '--agreement', soenderborg!.id])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/forkert\.csv: række 3, kolonne E \(andel\): /)
    expect(refused.stderr).toMatch(/forkert\.csv har 1 fejl\. Intet er gemt\./)
    const again = await runCli(dir, ['values', 'import', good, '--agreement', soenderborg!.id])
    expect(again.stdout).toContain('2 værdier (csv), heraf 0 rettelser af eksisterende værdier og 2 uændrede.')
    expect(again.stdout).toContain('Gemt: 0 værdier (2 uændrede sprunget over).')
  })

  it('imports the job centre\'s target-group counts for a plan named by its municipality, all or nothing', async () => {
    const fixture = path.join(import.meta.dirname, '../fixtures/imports/soenderborg-maalgrupper-2021-03-01.csv')
    const dry = await runCli(dir, ['values', 'import-target-groups', fixture, '--plan', 'sønderborg', '--dry-run'])
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toContain('soenderborg-maalgrupper-2021-03-01.csv: 28 målgruppetal (csv) for Sønderborg')
    expect(dry.stdout).toContain('Prøvekørsel: intet er gemt.')
    const saved = await runCli(dir, ['values', 'import-target-groups', fixture, '--plan', 'Sønderborg'])
    expect(saved.code, saved.stderr).toBe(0)
    expect(saved.stdout).toContain('Gemt: 28 målgruppetal.')

    const broken = path.join(files, 'maalgrupper-forkert.csv')
    fs.writeFileSync(broken, ['Dato;Kode;Betegnelse;Afdeling;Antal', '01.06.2021;6.1;Dagpengemodtagere;22;7', '01.06.2021;7.1;Ukendt;22;3'].join('\n'))
    const refused = await runCli(dir, ['values', 'import-target-groups', broken, '--plan', 'Sønderborg'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/maalgrupper-forkert\.csv: række 3, kolonne B/)
    expect(refused.stderr).toMatch(/maalgrupper-forkert\.csv har 1 fejl\. Intet er gemt\./)
  })
})
