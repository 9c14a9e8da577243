import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { removeTempDataDirs, runCli, tempDataDir } from '../support/process.ts'

// Every failure of `npx indsats` is Danish text on standard error and a non-zero exit, never a stack
// trace, however broken the file the operator hands it.

const files = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-cli-errors-'))
afterAll(() => {
  removeTempDataDirs()
  fs.rmSync(files, { recursive: true, force: true })
})

/** No stack frame, no English error class: what an operator sees is the Danish message. */
function expectDanishFailure(result: { code: number | null; stdout: string; stderr: string }) {
  expect(result.code, result.stderr).not.toBe(0)
  expect(result.code).not.toBeNull()
  expect(result.stderr).toMatch(/^Fejl: /m)
  expect(result.stderr).not.toMatch(/^\s+at /m)
  expect(result.stderr).not.toMatch(/ReferenceError|TypeError|Z_BUF_ERROR|Z_DATA_ERROR|node:internal/)
}

/** Nine aliases of nine aliases, ten levels deep: a few hundred bytes that expand to a billion strings. */
function billionLaughs(): string {
  const lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
  for (let i = 1; i <= 9; i++) lines.push(`lol${i}: &lol${i} [${Array.from({ length: 9 }, () => `*lol${i - 1}`).join(', ')}]`)
  return `${lines.join('\n')}\n`
}

describe('the command line on broken files', () => {
  it('refuses a billion-laughs agreement file in one Danish line, in check and in import', async () => {
    const file = path.join(files, 'laughs.yaml')
    fs.writeFileSync(file, billionLaughs())
    const dir = tempDataDir()
    for (const command of ['check', 'import']) {
      const result = await runCli(dir, ['agreement', command, file])
      expectDanishFailure(result)
      expect(result.stderr).toContain('for mange aliasser')
    }
  })

  it('refuses a cut-off and a damaged backup with a Danish message', { timeout: 120_000 }, async () => {
    const source = tempDataDir()
    expect((await runCli(source, ['migrate'])).code).toBe(0)
    const file = path.join(files, 'full.backup.gz')
    const made = await runCli(source, ['backup', file])
    expect(made.code, made.stderr).toBe(0)
    const bytes = fs.readFileSync(file)
    const cut = path.join(files, 'cut.backup.gz')
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)))
    const tiny = path.join(files, 'tiny.backup.gz')
    fs.writeFileSync(tiny, bytes.subarray(0, 12))
    const garbled = path.join(files, 'garbled.backup.gz')
    fs.writeFileSync(garbled, Buffer.concat([bytes.subarray(0, 10), Buffer.alloc(200, 0x41)]))

    // A newer format version, and a header that promises a row the file does not have.
    const [head, ...rest] = gunzipSync(bytes).toString('utf8').split('\n')
    const header = JSON.parse(head!) as { formatVersion: number; tables: { name: string; rows: number }[] }
    const newer = path.join(files, 'newer.backup.gz')
    fs.writeFileSync(newer, gzipSync([JSON.stringify({ ...header, formatVersion: 2 }), ...rest].join('\n')))
    const lying = path.join(files, 'lying.backup.gz')
    const promised = { ...header, tables: header.tables.map((t, i) => (i === 0 ? { ...t, rows: t.rows + 1 } : t)) }
    fs.writeFileSync(lying, gzipSync([JSON.stringify(promised), ...rest].join('\n')))

    const target = tempDataDir()
    for (const [broken, message] of [
      [cut, 'ufuldstændig'],
      [tiny, 'ufuldstændig'],
      [garbled, 'beskadiget'],
      [newer, 'formatversion 2'],
      [lying, `headeren lover ${header.tables[0]!.rows + 1}`],
    ] as const) {
      const result = await runCli(target, ['restore', broken])
      expectDanishFailure(result)
      expect(result.stderr, broken).toContain(message)
      // One line, as the operator reads it.
      expect(result.stderr.trim().split('\n'), broken).toHaveLength(1)
    }
  })
})
