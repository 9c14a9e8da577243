import { AppError } from '../../lib/errors.ts'
import { loadOrCreateKeyFile, readKeyFile } from '../../lib/key-file.ts'
import { decryptCpr } from './cpr.ts'

// The key that encrypts CPR numbers (cpr.ts) lives in a file of its own (lib/key-file.ts): created
// once, atomically, owner-only, and never replaced.

/**
 * The CPR encryption key from `file`, creating the file (and its folder) with a new random key if
 * it does not exist. Throws if the file exists but does not hold a key.
 */
export async function loadOrCreateCprKey(file: string): Promise<Buffer> {
  return loadOrCreateKeyFile(file, 'CPR')
}

/**
 * The CPR key from `file`, checked against `stored`, one CPR number the database holds encrypted (null
 * when it holds none). A database restored without its key file must not get a fresh key: every
 * stored number would then be unreadable, and the same CPR number could be registered twice (the
 * duplicate check hashes with the key). So a missing file is created only for a database without
 * CPR numbers, and a key that cannot read a stored number is refused, naming the file to restore.
 */
export async function loadCheckedCprKey(file: string, stored: string | null): Promise<Buffer> {
  if (stored === null) return loadOrCreateCprKey(file)
  const key = await readKeyFile(file, 'CPR')
  if (key === null) {
    throw new AppError(
      'cpr_key_missing',
      `Nøglefilen til CPR-numrene, ${file}, mangler, men databasen har krypterede CPR-numre. Gendan ${file} fra den samme backup som databasen, og start Indsats igen. Indsats laver ikke en ny nøgle, for med den kunne de gemte CPR-numre aldrig læses igen.`,
      { logDetail: `CPR key file ${file} is missing while the database holds encrypted CPR numbers` },
    )
  }
  try {
    decryptCpr(stored, key)
  } catch (error) {
    throw new AppError(
      'cpr_key_missing',
      `Nøglen i ${file} passer ikke til de krypterede CPR-numre i databasen. Gendan den ${file}, der hører til databasen (fra den samme backup), og start Indsats igen.`,
      { logDetail: `CPR key in ${file} cannot decrypt a stored CPR number`, cause: error },
    )
  }
  return key
}
