import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

describe('configuration', () => {
  it('starts on port 3000 with data in ./data when nothing is set', () => {
    const config = loadConfig({})
    expect(config.PORT).toBe(3000)
    expect(config.dataDir).toBe(path.resolve('data'))
    expect(config.DATABASE_URL).toBeUndefined()
  })

  it('names the variable that has a bad value', () => {
    expect(() => loadConfig({ PORT: 'tre tusind' })).toThrow(/PORT="tre tusind"/)
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL=.*postgres:\/\//)
    expect(() => loadConfig({ COOKIE_SECURE: 'maybe' })).toThrow(ConfigError)
  })

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '', EMBEDDED_PG_PORT: '' }).PORT).toBe(3000)
  })

  it('reads yes/no switches', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true)
    expect(loadConfig({ TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false)
  })
})
