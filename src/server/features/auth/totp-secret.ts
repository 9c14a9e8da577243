import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import path from 'node:path'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { loadOrCreateKeyFile, readKeyFile } from '../../lib/key-file.ts'

// Second-factor secrets are stored encrypted (decision 033): AES-256-GCM with a key kept outside the
// database (TOTP_KEY, or the file TOTP_KEY_FILE / DATA_DIR/totp.key made on first start), so a copy
// of the database alone cannot compute anyone's codes. Each value is bound to its user (the
// associated data), so a secret copied onto another user's row does not decrypt.
//
// Stored form: "v1:" + base64(12-byte nonce | 16-byte tag | ciphertext). Migration 0024 writes the
// same form for the secrets stored before; it keeps its own copy of this code, frozen in time.

const VERSION = 'v1:'
const NONCE_BYTES = 12
const TAG_BYTES = 16

const associatedData = (userId: string) => Buffer.from(`indsats-totp:${userId}`, 'utf8')

export function encryptTotpSecret(secret: string, userId: string, key: Buffer): string {
  const nonce = randomBytes(NONCE_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, nonce)
  cipher.setAAD(associatedData(userId))
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return VERSION + Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64')
}

/** Throws when the key is not the one the value was encrypted with, or the value belongs to another user. */
export function decryptTotpSecret(stored: string, userId: string, key: Buffer): string {
  if (!stored.startsWith(VERSION)) throw new Error('not an encrypted second-factor secret')
  const raw = Buffer.from(stored.slice(VERSION.length), 'base64')
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE_BYTES))
  decipher.setAAD(associatedData(userId))
  decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES))
  return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
}

/** Where the key comes from, as an operator would name it in a message. */
export function totpKeySource(config: AppContext['config']): { setting: 'TOTP_KEY' } | { file: string } {
  if (config.TOTP_KEY) return { setting: 'TOTP_KEY' }
  return { file: config.TOTP_KEY_FILE ?? path.join(config.dataDir, 'totp.key') }
}

/**
 * The key, made (in its file) when there is none yet. For migration 0024, which runs before any
 * secret is encrypted, and for the first start of a new installation.
 */
export async function loadOrCreateTotpKey(config: AppContext['config']): Promise<Buffer> {
  const source = totpKeySource(config)
  return 'file' in source ? loadOrCreateKeyFile(source.file, 'TOTP') : Buffer.from(config.TOTP_KEY!, 'base64')
}

export interface StoredSecret {
  userId: string
  secret: string
}

/**
 * The key, checked against `stored`, one encrypted secret the database holds (null when it holds
 * none). A missing key file is made only for a database without secrets; a key that cannot read a
 * stored secret is refused, naming where the right one should be: with a new key, every user who has
 * set up an app would be shut out.
 */
export async function loadCheckedTotpKey(config: AppContext['config'], stored: StoredSecret | null): Promise<Buffer> {
  if (stored === null) return loadOrCreateTotpKey(config)
  const source = totpKeySource(config)
  const where = 'file' in source ? `nøglefilen ${source.file}` : 'indstillingen TOTP_KEY'
  const key = 'file' in source ? await readKeyFile(source.file, 'TOTP') : Buffer.from(config.TOTP_KEY!, 'base64')
  if (key === null) {
    throw new AppError(
      'totp_key_mismatch',
      `Nøglen til totrinsbekræftelsen, ${where}, mangler, men databasen har krypterede hemmeligheder til godkendelsesapps. Gendan filen fra den samme backup som databasen, og start Indsats igen.`,
      { logDetail: `TOTP key (${where}) is missing while the database holds encrypted second-factor secrets` },
    )
  }
  try {
    decryptTotpSecret(stored.secret, stored.userId, key)
  } catch (error) {
    throw new AppError(
      'totp_key_mismatch',
      `Nøglen i ${where} passer ikke til de krypterede hemmeligheder til godkendelsesapps i databasen. Brug den nøgle, der hører til databasen (fra den samme backup), og start Indsats igen.`,
      { logDetail: `TOTP key (${where}) cannot decrypt a stored second-factor secret`, cause: error },
    )
  }
  return key
}
