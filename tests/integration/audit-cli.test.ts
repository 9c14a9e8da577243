import { afterAll, describe, expect, it } from 'vitest'
import type { AuditEntryDto } from '../../src/shared/audit-log.ts'
import { removeTempDataDirs, runCli, type Running, startServer, stop, tempDataDir } from '../support/process.ts'

// `npx indsats audit …` as an operator runs it, against the real server's embedded database.

const servers: Running[] = []
afterAll(async () => {
  for (const s of servers) await stop(s)
  removeTempDataDirs()
})

describe('the audit log on the command line', () => {
  const dir = tempDataDir()

  it('shows who created the seed plans, with the plans’ names and Danish labels, as a table and as JSON', async () => {
    const server = await startServer(dir)
    servers.push(server)
    expect(server.started).toBe(true)

    const json = await runCli(dir, ['audit', '--entity', 'plan', '--action', 'create', '--format', 'json'])
    expect(json.code, json.stderr).toBe(0)
    const entries = JSON.parse(json.stdout) as AuditEntryDto[]
    expect(entries.map((e) => [e.actor, e.actionLabel, e.entityLabel, e.entityName]).sort()).toEqual([
      ['Systemet', 'Oprettede', 'Helhedsplan', 'Aktiv i fællesskabet'],
      ['Systemet', 'Oprettede', 'Helhedsplan', 'Den boligsociale indsats i Isbjergparken og Lerpøtparken'],
    ])

    const table = await runCli(dir, ['audit', '--plan', 'Sønderborg', '--entity', 'plan'])
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toMatch(/\tSystemet\tOprettede\tHelhedsplan: Aktiv i fællesskabet\tAktiv i fællesskabet\n/)
    expect(table.stdout).toContain('1 hændelse.')
  }, 120_000)

  it('writes CSV for Excel and logs each look at the log as a read by the command line', async () => {
    const csv = await runCli(dir, ['audit', '--entity', 'plan', '--format', 'csv', '--limit', '1'])
    expect(csv.code, csv.stderr).toBe(0)
    const lines = csv.stdout.trimEnd().split('\r\n')
    expect(lines[0]).toBe('\uFEFFNr.;Tidspunkt;Hvem;Handling;Hvad;Navn;Antal viste;Helhedsplan;Afvist;Id')
    expect(lines).toHaveLength(2)

    const looks = await runCli(dir, ['audit', '--entity', 'audit-log', '--format', 'json'])
    const logged = JSON.parse(looks.stdout) as AuditEntryDto[]
    // The three runs above, and this one, each wrote its row before reading.
    expect(logged.map((e) => [e.actor, e.actionLabel, e.entityLabel])).toEqual(Array(4).fill(['Kommandolinjen', 'Læste', 'Revisionssporet']))
  }, 60_000)

  it('answers a bad filter in Danish', async () => {
    const bad = await runCli(dir, ['audit', '--entity', 'sessions'])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('sessions')
    const noPlan = await runCli(dir, ['audit', '--plan', 'Atlantis'])
    expect(noPlan.stderr).toContain('Fejl: Planen "Atlantis" findes ikke.')
  }, 60_000)
})
