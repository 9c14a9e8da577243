import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadOrCreateCprKey } from './cpr-key.ts'
import { decryptCpr, encryptCpr } from './cpr.ts'

let dir: string

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indsats-cpr-key-'))
})

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('the CPR key file', () => {
  it('creates a missing file, and its folders, with a random 32-byte key in base64', async () => {
    const file = path.join(dir, 'nested', 'keys', 'cpr.key')
    const key = await loadOrCreateCprKey(file)
    expect(key).toHaveLength(32)
    expect(fs.readFileSync(file, 'utf8')).toBe(`${key.toString('base64')}\n`)
  })

  it.skipIf(process.platform === 'win32')('creates the file readable by its owner only', async () => {
    const file = path.join(dir, 'cpr.key')
    await loadOrCreateCprKey(file)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
  })

  it('returns the same key every time after creating it', async () => {
    const file = path.join(dir, 'cpr.key')
    const first = await loadOrCreateCprKey(file)
    const second = await loadOrCreateCprKey(file)
    expect(second.equals(first)).toBe(true)
    const text = encryptCpr('0101901234', first)
    expect(decryptCpr(text, await loadOrCreateCprKey(file))).toBe('0101901234')
  })

  it('creates a different key for a different file', async () => {
    const a = await loadOrCreateCprKey(path.join(dir, 'a.key'))
    const b = await loadOrCreateCprKey(path.join(dir, 'b.key'))
    expect(a.equals(b)).toBe(false)
  })

  it('reads an existing key, with or without a final newline or padding', async () => {
    const key = randomBytes(32)
    const b64 = key.toString('base64')
    for (const [name, text] of [
      ['newline.key', `${b64}\n`],
      ['bare.key', b64],
      ['crlf.key', `  ${b64}\r\n`],
      ['unpadded.key', b64.replace(/=$/, '')],
    ]) {
      fs.writeFileSync(path.join(dir, name!), text!)
      expect((await loadOrCreateCprKey(path.join(dir, name!))).equals(key), name).toBe(true)
    }
  })

  it('leaves no temporary file behind', async () => {
    await loadOrCreateCprKey(path.join(dir, 'cpr.key'))
    expect(fs.readdirSync(dir)).toEqual(['cpr.key'])
  })

  it('is not stopped by a half-written temporary file from an earlier crash', async () => {
    const stale = path.join(dir, '.cpr.key.0123456789ab.tmp')
    fs.writeFileSync(stale, 'AAAA')
    const key = await loadOrCreateCprKey(path.join(dir, 'cpr.key'))
    expect(key).toHaveLength(32)
    expect(fs.readFileSync(path.join(dir, 'cpr.key'), 'utf8')).toBe(`${key.toString('base64')}\n`)
  })

  it('gives every caller the same key when several create it at once', async () => {
    const file = path.join(dir, 'cpr.key')
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateCprKey(file)))
    for (const key of keys) expect(key.equals(keys[0]!)).toBe(true)
    expect(fs.readFileSync(file, 'utf8')).toBe(`${keys[0]!.toString('base64')}\n`)
    expect(fs.readdirSync(dir)).toEqual(['cpr.key'])
  })

  it.each([
    ['an empty file', ''],
    ['text that is not base64', 'this is not a key!'],
    ['a key of 16 bytes', randomBytes(16).toString('base64')],
    ['a key of 33 bytes', randomBytes(33).toString('base64')],
    ['a key in hex', randomBytes(32).toString('hex')],
    ['two keys', `${randomBytes(32).toString('base64')}\n${randomBytes(32).toString('base64')}\n`],
  ])('throws on %s and never replaces it', async (_name, text) => {
    const file = path.join(dir, 'cpr.key')
    fs.writeFileSync(file, text)
    await expect(loadOrCreateCprKey(file)).rejects.toThrow(/CPR key file .*cpr\.key does not hold a base64-encoded 32-byte key/)
    expect(fs.readFileSync(file, 'utf8')).toBe(text)
    expect(fs.readdirSync(dir)).toEqual(['cpr.key'])
  })

  it('passes on errors other than a missing file, such as a folder where the file should be', async () => {
    const file = path.join(dir, 'cpr.key')
    fs.mkdirSync(file)
    await expect(loadOrCreateCprKey(file)).rejects.toThrow(/EISDIR/)
  })
})
