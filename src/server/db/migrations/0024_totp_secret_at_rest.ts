import { createCipheriv, randomBytes } from 'node:crypto'
import { type Kysely, type Migration, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// Second-factor secrets encrypted at rest (decision 033). Secrets stored before this migration (as
// the base32 text an authenticator app reads) are encrypted with AES-256-GCM under the key outside
// the database, bound to their user, in the form "v1:" + base64(nonce | tag | ciphertext); then a
// check keeps any plain secret from being stored again. The key is handed in by whoever runs the
// migrations (the server, the CLI), because it is not in the database: that is the point.

type Row = { id: string; totp_secret: string | null; totp_pending_secret: string | null }

function encrypt(secret: string, userId: string, key: Buffer): string {
  const nonce = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, nonce)
  cipher.setAAD(Buffer.from(`indsats-totp:${userId}`, 'utf8'))
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return `v1:${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64')}`
}

const plain = (value: string | null) => value !== null && !value.startsWith('v1:')

async function up(db: Kysely<unknown>, totpKey: (() => Promise<Buffer>) | undefined): Promise<void> {
  const { rows } = await sql<Row>`
    select id, totp_secret, totp_pending_secret from app_user
    where (totp_secret is not null and totp_secret not like 'v1:%')
       or (totp_pending_secret is not null and totp_pending_secret not like 'v1:%')`.execute(db)
  if (rows.length > 0) {
    if (!totpKey) {
      throw new Error(
        `${rows.length} second-factor secrets must be encrypted, and no TOTP key was given: run the migrations through "npm start" or "npx indsats migrate", which read TOTP_KEY or TOTP_KEY_FILE`,
      )
    }
    const key = await totpKey()
    for (const row of rows) {
      const secret = plain(row.totp_secret) ? encrypt(row.totp_secret!, row.id, key) : row.totp_secret
      const pending = plain(row.totp_pending_secret) ? encrypt(row.totp_pending_secret!, row.id, key) : row.totp_pending_secret
      await sql`update app_user set totp_secret = ${secret}, totp_pending_secret = ${pending} where id = ${row.id}`.execute(db)
    }
  }
  await sql`
    alter table app_user
      add constraint app_user_totp_secret_encrypted check (totp_secret is null or totp_secret like 'v1:%'),
      add constraint app_user_totp_pending_secret_encrypted check (totp_pending_secret is null or totp_pending_secret like 'v1:%')`.execute(db)
}

/** The migration, with the key for secrets stored before it (asked for only when there are such). */
export function migration(totpKey?: () => Promise<Buffer>): Migration {
  return {
    up: (db) => up(db, totpKey),
    down: async () => {
      throw new Error('Migrations are append-only; restore a backup instead.')
    },
  }
}
