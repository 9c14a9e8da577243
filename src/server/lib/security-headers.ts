import type { IncomingMessage, ServerResponse } from 'node:http'
import helmet, { type HelmetOptions } from 'helmet'

// Only our own scripts, styles and fonts; no framing. No upgrade-insecure-requests: a plain-HTTP
// installation (localhost, or TLS ended at a proxy that forwards http) would break itself.
const options: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      upgradeInsecureRequests: null,
    },
  },
  referrerPolicy: { policy: 'same-origin' },
}

/**
 * The security headers every response carries, as helmet writes them for the options above. They
 * depend on nothing in the request, so helmet runs once, at start, against a response that only
 * records what is set (@fastify/helmet built helmet's middleware and parsed the whole policy again
 * on every request; decision 038).
 */
export function securityHeaders(): readonly (readonly [string, string])[] {
  // By lower-cased name: the name as helmet spells it, and the value.
  const headers = new Map<string, readonly [string, string]>()
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), [name, String(value)])
      return recorder
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase())
    },
  }
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error
  })
  return [...headers.values()]
}
