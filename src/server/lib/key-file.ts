import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

// A key that encrypts data in the database (CPR numbers, second-factor secrets) lives in a file of
// its own, base64 on one line, never in the database: a stolen database dump then holds only
// ciphertext and keyed hashes.
//
// Losing or replacing such a file makes what it encrypted unreadable, so:
// - a missing file is created once, with a fresh random key, readable by the owner only (0600);
// - it appears complete or not at all: the key is written and flushed to a temporary file first,
//   then published under its name, so a crash never leaves half a key behind;
// - it is published with link(), not rename(): both are atomic, but rename() would silently replace
//   a key that another process (the CLI and the server starting together) created a moment earlier,
//   and whatever was encrypted with that key would be lost. link() refuses, and we read the
//   winner's key instead;
// - a file that is there but does not hold a key is an error, never replaced: it may be a key
//   damaged by hand, and replacing it would throw the old data away for good.

const KEY_BYTES = 32
// 32 bytes are 43 base64 characters and one "=" of padding (optional here, as some tools drop it).
const KEY_TEXT = /^[A-Za-z0-9+/]{43}=?$/

const hasCode = (error: unknown, code: string) => (error as NodeJS.ErrnoException | null)?.code === code

function parseKey(text: string, file: string, what: string): Buffer {
  const b64 = text.trim()
  const key = KEY_TEXT.test(b64) ? Buffer.from(b64, 'base64') : null
  if (key?.length !== KEY_BYTES) {
    throw new Error(
      `${what} key file ${file} does not hold a base64-encoded ${KEY_BYTES}-byte key. It is left as it is: ` +
        `what was encrypted with the key it held cannot be read without it. Restore the file from a backup.`,
    )
  }
  return key
}

/** The key in `file`, or null when there is no such file; throws when the file holds no key. */
export async function readKeyFile(file: string, what: string): Promise<Buffer | null> {
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (error) {
    if (hasCode(error, 'ENOENT')) return null
    throw error
  }
  return parseKey(text, file, what)
}

async function syncFolder(dir: string): Promise<void> {
  // Makes the new name itself durable. Best effort: some platforms cannot open a folder for syncing.
  try {
    const handle = await fs.open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // The key is still complete on disk; only its name might not survive a power cut.
  }
}

async function createKey(file: string, what: string): Promise<Buffer> {
  const dir = path.dirname(file)
  await fs.mkdir(dir, { recursive: true, mode: 0o700 })
  const key = randomBytes(KEY_BYTES)
  // A name of its own per attempt, so a temporary file left by a crash never gets in the way.
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const handle = await fs.open(tmp, 'wx', 0o600)
    try {
      await handle.writeFile(`${key.toString('base64')}\n`)
      await handle.sync()
    } finally {
      await handle.close()
    }
    try {
      await fs.link(tmp, file)
    } catch (error) {
      if (!hasCode(error, 'EEXIST')) throw error
      const theirs = await readKeyFile(file, what)
      if (theirs === null) throw error
      return theirs
    }
    await syncFolder(dir)
    return key
  } finally {
    await fs.rm(tmp, { force: true })
  }
}

/**
 * The key from `file`, creating the file (and its folder) with a new random key if it does not
 * exist. Throws if the file exists but does not hold a key.
 */
export async function loadOrCreateKeyFile(file: string, what: string): Promise<Buffer> {
  return (await readKeyFile(file, what)) ?? createKey(file, what)
}
