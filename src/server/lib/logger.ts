import pino from 'pino'

export type Logger = pino.Logger

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    // Personal data must never reach the log: cookies, passwords and request bodies are redacted.
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.currentPassword', '*.newPassword'],
      censor: '[redacted]',
    },
  })
}
