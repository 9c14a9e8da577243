import fs from 'node:fs'
import path from 'node:path'
import { expect } from '@playwright/test'
import { readServerInfo } from './server-info.ts'

// The journeys' server has no SMTP_URL, so each mail lands as a file in its DATA_DIR/mail/ (decision
// 033), where a user's inbox would be. The one-time password is read from there, as the user would.

/** The mails to `address` so far, oldest first, as the text of each .eml file. */
export function mailsTo(address: string): string[] {
  const folder = path.join(readServerInfo().dataDir, 'mail')
  if (!fs.existsSync(folder)) return []
  return fs
    .readdirSync(folder)
    .sort()
    .map((name) => decodeQuotedPrintable(fs.readFileSync(path.join(folder, name), 'latin1').replace(/\r\n/g, '\n')))
    .filter((text) => new RegExp(`^To: ${address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'im').test(text))
}

/** As a mail client shows it: nodemailer sends text with Danish letters quoted-printable, soft line breaks and all. */
function decodeQuotedPrintable(raw: string): string {
  if (!/^Content-Transfer-Encoding: quoted-printable$/im.test(raw)) return Buffer.from(raw, 'latin1').toString('utf8')
  const decoded = raw.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  return Buffer.from(decoded, 'latin1').toString('utf8')
}

/** The one-time password in the latest mail to `address`. */
export function oneTimePasswordMailedTo(address: string): string {
  const latest = mailsTo(address.toLowerCase()).at(-1)
  expect(latest, `no mail to ${address}`).toBeDefined()
  const code = /^ {4}([a-z0-9]{5}(?:-[a-z0-9]{5}){3})$/m.exec(latest!)?.[1]
  expect(code, `no one-time password in the mail to ${address}`).toBeDefined()
  return code!
}
