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

  describe('sign-in through an identity provider', () => {
    const complete = {
      OIDC_ISSUER: 'https://login.sonderborg.dk/realms/ansatte',
      OIDC_CLIENT_ID: 'indsats',
      OIDC_CLIENT_SECRET: 'hemmelig',
      OIDC_REDIRECT_URL: 'https://indsats.sonderborg.dk/api/auth/oidc/callback',
    }

    it('is off when nothing about it is set', () => {
      expect(loadConfig({}).OIDC_ISSUER).toBeUndefined()
    })

    it('reads a complete set-up, with the button text and the acr values that count as MFA', () => {
      const config = loadConfig({ ...complete, OIDC_DISPLAY_NAME: 'Log ind med Sønderborg Kommune', OIDC_MFA_ACR_VALUES: 'urn:a, urn:b' })
      expect(config.OIDC_DISPLAY_NAME).toBe('Log ind med Sønderborg Kommune')
      expect(config.OIDC_MFA_ACR_VALUES).toEqual(['urn:a', 'urn:b'])
      expect(config.OIDC_REQUIRE_EMAIL_VERIFIED).toBe(true)
    })

    it('names, in Danish, each setting missing once the issuer is set', () => {
      const { OIDC_CLIENT_SECRET: _secret, OIDC_REDIRECT_URL: _redirect, ...partial } = complete
      const error = (() => {
        try {
          loadConfig(partial)
        } catch (e) {
          return e as Error
        }
        throw new Error('no error')
      })()
      expect(error).toBeInstanceOf(ConfigError)
      expect(error.message).toMatch(/OIDC_CLIENT_SECRET="": skal sættes, når OIDC_ISSUER er sat/)
      expect(error.message).toMatch(/OIDC_REDIRECT_URL="": skal sættes, når OIDC_ISSUER er sat/)
    })

    it('asks for the issuer when only the client is set', () => {
      expect(() => loadConfig({ OIDC_CLIENT_ID: 'indsats' })).toThrow(/OIDC_ISSUER="": skal sættes, når OIDC_CLIENT_ID er sat/)
    })

    it('refuses a provider over plain HTTP except on this machine, and a redirect URL that is not the callback', () => {
      expect(() => loadConfig({ ...complete, OIDC_ISSUER: 'http://login.sonderborg.dk' })).toThrow(/OIDC_ISSUER=.*skal begynde med https:\/\//)
      expect(loadConfig({ ...complete, OIDC_ISSUER: 'http://127.0.0.1:8080' }).OIDC_ISSUER).toBe('http://127.0.0.1:8080')
      expect(() => loadConfig({ ...complete, OIDC_REDIRECT_URL: 'https://indsats.sonderborg.dk/' })).toThrow(/OIDC_REDIRECT_URL=.*skal ende på \/api\/auth\/oidc\/callback/)
    })
  })
})
