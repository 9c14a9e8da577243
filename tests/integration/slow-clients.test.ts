import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import { buildApp } from '../../src/server/app.ts'
import { type TestDatabase, testDatabase } from '../support/db.ts'

// A client that sends its request a byte at a time holds a connection for as long as it likes
// unless the server sets a limit; a few hundred of them take the server's sockets. The limits come
// from the configuration (short ones here); a slow client is cut off once it is over them.

let t: TestDatabase
let app: App
let port: number

beforeAll(async () => {
  t = await testDatabase({ HTTP_REQUEST_TIMEOUT_SECONDS: '3', HTTP_HEADERS_TIMEOUT_SECONDS: '2' })
  app = await buildApp(t.ctx)
  await app.listen({ port: 0, host: '127.0.0.1' })
  port = (app.server.address() as net.AddressInfo).port
})

afterAll(async () => {
  await app?.close()
})

/** Sends `head`, then `drip` one byte a second, until the server closes; what it answered, and when. */
async function trickle(head: string, drip: string, giveUpMs: number): Promise<{ closedAfterMs: number | null; answer: string }> {
  const socket = net.connect(port, '127.0.0.1')
  const started = Date.now()
  let answer = ''
  socket.on('data', (d) => (answer += d.toString('latin1')))
  socket.on('error', () => {})
  await new Promise((resolve) => socket.once('connect', resolve))
  socket.write(head)
  let i = 0
  const timer = setInterval(() => {
    if (!socket.destroyed) socket.write(drip[i++ % drip.length]!)
  }, 1000)
  const closedAfterMs = await Promise.race([
    new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started))),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), giveUpMs)),
  ])
  clearInterval(timer)
  socket.destroy()
  return { closedAfterMs, answer }
}

describe('slow clients', () => {
  it('cuts off a client that sends its body a byte a second', { timeout: 30_000 }, async () => {
    const head = 'POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"email":"'
    const { closedAfterMs, answer } = await trickle(head, 'aaaaaaaaaa', 20_000)
    expect(closedAfterMs, 'the connection was still open after 20 s').not.toBeNull()
    expect(closedAfterMs!).toBeLessThan(20_000)
    expect(answer).toMatch(/^HTTP\/1\.1 408/)
  })

  it('cuts off a client that sends its headers a byte a second', { timeout: 30_000 }, async () => {
    const { closedAfterMs } = await trickle('GET /api/health HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 20_000)
    expect(closedAfterMs, 'the connection was still open after 20 s').not.toBeNull()
    expect(closedAfterMs!).toBeLessThan(20_000)
  })

  it('still answers a client that sends its request at once', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`)
    expect(res.status).toBeLessThan(600)
    await res.arrayBuffer()
  })
})
