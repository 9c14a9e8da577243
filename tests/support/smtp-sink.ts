import net from 'node:net'
import { afterAll } from 'vitest'

// A tiny SMTP server on 127.0.0.1 that keeps every mail it is given, so tests send real mail over
// SMTP (SMTP_URL) without any network beyond the machine. Enough SMTP for nodemailer: no TLS, no auth.

export interface ReceivedMail {
  from: string
  to: string[]
  /** The whole message as sent: headers, blank line, body (quoted-printable decoded in `text`). */
  raw: string
  subject: string
  text: string
}

export interface SmtpSink {
  url: string
  mails: ReceivedMail[]
  /** Mails to `address`, oldest first. */
  to(address: string): ReceivedMail[]
  /** From now on the server answers every message with a permanent failure (a mail server that refuses). */
  refuse(on: boolean): void
}

function decode(raw: string): { subject: string; text: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/)
  const headers = head.replace(/\r?\n[ \t]+/g, ' ')
  const subjectLine = /^Subject: (.*)$/im.exec(headers)?.[1] ?? ''
  // Encoded words (=?UTF-8?Q?...?=) carry the Danish letters of a subject.
  const subject = subjectLine.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, kind: string, body: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(body, 'base64').toString('utf8') : Buffer.from(body.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  )
  let body = rest.join('\n\n')
  if (/^Content-Transfer-Encoding: quoted-printable$/im.test(headers)) {
    body = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
  } else if (/^Content-Transfer-Encoding: base64$/im.test(headers)) {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  }
  return { subject, text: body.replace(/\r\n/g, '\n') }
}

export async function smtpSink(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = []
  let refusing = false
  const server = net.createServer((socket) => {
    let buffer = ''
    let inData = false
    let from = ''
    let to: string[] = []
    const reply = (line: string) => socket.write(`${line}\r\n`)
    reply('220 sink ESMTP')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1')
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n')
          if (end === -1) return
          const raw = Buffer.from(buffer.slice(0, end).replace(/\r\n\.\./g, '\r\n.'), 'latin1').toString('utf8')
          buffer = buffer.slice(end + 5)
          inData = false
          if (refusing) {
            reply('554 5.7.1 refused')
          } else {
            mails.push({ from, to, raw, ...decode(raw) })
            reply('250 2.0.0 queued')
          }
          from = ''
          to = []
          continue
        }
        const eol = buffer.indexOf('\r\n')
        if (eol === -1) return
        const line = buffer.slice(0, eol)
        buffer = buffer.slice(eol + 2)
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO' || verb === 'HELO') reply('250 sink')
        else if (verb === 'MAIL') {
          from = /<([^>]*)>/.exec(line)?.[1] ?? ''
          reply('250 2.1.0 ok')
        } else if (verb === 'RCPT') {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? '')
          reply('250 2.1.5 ok')
        } else if (verb === 'DATA') {
          inData = true
          reply('354 go ahead')
        } else if (verb === 'QUIT') {
          reply('221 bye')
          socket.end()
        } else if (verb === 'RSET' || verb === 'NOOP') reply('250 ok')
        else reply('502 5.5.2 not implemented')
      }
    })
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    to: (address) => mails.filter((m) => m.to.includes(address)),
    refuse: (on) => {
      refusing = on
    },
  }
}
