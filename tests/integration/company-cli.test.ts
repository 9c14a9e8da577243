import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeTempDataDirs, runCli, type Running, startServer, stop, tempDataDir } from '../support/process.ts'
import { cvrNumbers } from '../support/companies.ts'

// `npx indsats companies import <plan> <file>` as an operator runs it, against the real server's
// embedded database: the web import's reader and its all-or-nothing rule, problems by row and column
// in Danish, and an exit code a script can test.

const servers: Running[] = []
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-company-cli-'))
afterAll(async () => {
  for (const s of servers) await stop(s)
  removeTempDataDirs()
  fs.rmSync(files, { recursive: true, force: true })
})

function csv(name: string, rows: string[][]): string {
  const file = path.join(files, name)
  fs.writeFileSync(file, rows.map((r) => r.join(';')).join('\r\n'))
  return file
}

describe('importing companies on the command line', () => {
  const dir = tempDataDir()
  const [a, b, c] = cvrNumbers(3, 5_100_000)

  // The first start loads the seed plans (and may build the server and the command line first).
  beforeAll(async () => {
    const server = await startServer(dir)
    servers.push(server)
    expect(server.started).toBe(true)
  }, 180_000)

  it('reports every problem with its row and column, exits with a failure and saves nothing', async () => {
    const broken = csv('virksomheder-med-fejl.csv', [
      ['CVR-nummer', 'Navn', 'By'],
      [a!, 'Als Maskinfabrik', 'Nordborg'],
      ['12345678', 'Forkert CVR ApS', 'Sønderborg'],
      [a!, 'Dublet A/S', 'Augustenborg'],
    ])
    const refused = await runCli(dir, ['companies', 'import', 'Sønderborg', broken])
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toMatch(/virksomheder-med-fejl\.csv: række 3, kolonne A[^:]*: .*12345678/)
    expect(refused.stderr).toMatch(/virksomheder-med-fejl\.csv: række 4, kolonne A[^:]*: .*række 2/)
    expect(refused.stderr).toContain('virksomheder-med-fejl.csv har 2 fejl. Intet er gemt.')
    expect(refused.stdout).not.toContain('Gemt')
  }, 120_000)

  it('checks a clean file on a dry run, then saves every company in it', async () => {
    const good = csv('virksomheder.csv', [
      ['CVR-nummer', 'Navn', 'By'],
      [a!, 'Als Maskinfabrik', 'Nordborg'],
      [b!, 'Sønderborg Bageri', 'Sønderborg'],
    ])
    const dry = await runCli(dir, ['companies', 'import', 'sønderborg', good, '--dry-run'])
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toMatch(/virksomheder\.csv: 2 virksomheder \(csv\) til .* \(Sønderborg\)\./)
    expect(dry.stdout).toContain('Prøvekørsel: intet er gemt.')
    const saved = await runCli(dir, ['companies', 'import', 'Sønderborg', good])
    expect(saved.code, saved.stderr).toBe(0)
    expect(saved.stdout).toContain('Gemt: 2 virksomheder.')
  })

  it('refuses the same companies a second time, naming the company already in the plan', async () => {
    const again = csv('igen.csv', [
      ['CVR-nummer', 'Navn'],
      [c!, 'Ny Virksomhed ApS'],
      [b!, 'Sønderborg Bageri'],
    ])
    const refused = await runCli(dir, ['companies', 'import', 'Sønderborg', again])
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toMatch(/igen\.csv: række 3, kolonne A[^:]*: CVR-nummeret \d{8} er allerede registreret i helhedsplanen for Sønderborg Bageri\./)
    expect(refused.stderr).toContain('Intet er gemt.')
    // All or nothing: the first row, clean on its own, was not saved either.
    const retry = await runCli(dir, ['companies', 'import', 'Sønderborg', csv('kun-ny.csv', [['CVR-nummer', 'Navn'], [c!, 'Ny Virksomhed ApS']])])
    expect(retry.stdout).toContain('Gemt: 1 virksomheder.')
  })

  it('names the plans there are when the plan is not found', async () => {
    const res = await runCli(dir, ['companies', 'import', 'Aarhus', path.join(files, 'virksomheder.csv')])
    expect(res.code).not.toBe(0)
    expect(res.stderr).toContain('Planen "Aarhus" findes ikke.')
  })
})
