import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Transporter } from 'nodemailer'
import type { AppContext } from './context.ts'
import { AppError } from './errors.ts'

// Every e-mail Indsats sends goes through here (decision 033). With SMTP_URL it is sent through that
// server; without it (development, a small installation not yet set up) it is written to the log and
// to a file of its own in DATA_DIR/mail/, so an operator can find it and pass it on by hand.

export interface Mail {
  to: string
  subject: string
  /** Plain text only: no HTML to escape, and every mail client shows it. */
  text: string
}

/** Where a mail went: sent through SMTP, or kept in a file for the operator. */
export type Delivery = { via: 'smtp' } | { via: 'file'; file: string }

const transports = new Map<string, Transporter>()

// nodemailer is loaded at the first mail, not at every start: most requests never send one.
const nodemailer = () => import('nodemailer')

async function smtpTransport(url: string): Promise<Transporter> {
  let transport = transports.get(url)
  if (!transport) {
    const { createTransport } = await nodemailer()
    // Bounded waits: an unreachable mail server fails the request within seconds, not minutes.
    transport = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 })
    transports.set(url, transport)
  }
  return transport
}

/** The folder the console fallback writes mails to. */
export function mailFolder(config: AppContext['config']): string {
  return path.join(config.dataDir, 'mail')
}

/**
 * Sends one mail, or, without SMTP_URL, keeps it in a file and the log. Throws `mail_failed` when
 * the mail server refuses it or cannot be reached, so the caller can undo what the mail was about.
 */
export async function sendMail(ctx: AppContext, mail: Mail): Promise<Delivery> {
  const message = { from: ctx.config.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text }
  const url = ctx.config.SMTP_URL
  if (url) {
    try {
      await (await smtpTransport(url)).sendMail(message)
    } catch (error) {
      throw new AppError('mail_failed', undefined, { logDetail: `mail to ${mail.to} (${mail.subject}) not sent: ${(error as Error).message}`, cause: error })
    }
    ctx.log.info({ to: mail.to, subject: mail.subject }, 'mail sent')
    return { via: 'smtp' }
  }
  const { createTransport } = await nodemailer()
  const composed = await createTransport({ streamTransport: true, buffer: true, newline: 'unix' }).sendMail(message)
  const folder = mailFolder(ctx.config)
  await fs.mkdir(folder, { recursive: true, mode: 0o700 })
  // Sortable by time; the random part keeps two mails of the same millisecond apart.
  const file = path.join(folder, `${ctx.now().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`)
  // Readable by the owner only: these mails may hold one-time passwords.
  await fs.writeFile(file, composed.message as Buffer, { mode: 0o600, flag: 'wx' })
  ctx.log.warn({ to: mail.to, subject: mail.subject, file, text: mail.text }, 'mail not sent (SMTP_URL is not set): written to the log and a file instead')
  return { via: 'file', file }
}
