import path from 'node:path'
import type { ImportProblem, StagedImport } from '../../../shared/imports.ts'
import { print, printProblem, readUserFile } from '../../lib/command-line.ts'
import { AppError } from '../../lib/errors.ts'
import type { Upload } from './imports.service.ts'

// The two-step import at the command line (decision 011), the same for every kind: read the file,
// stage it, print every problem with its row and column (and save nothing), else say what would be
// saved; then stop for --dry-run, or commit all or nothing.

/** Where a problem is in a file, as a spreadsheet user would look for it: "ark Data, række 4, kolonne C (andel): ". */
export function locateInFile(p: ImportProblem): string {
  return `${p.sheet ? `ark ${p.sheet}, ` : ''}række ${p.row}${p.column ? `, kolonne ${p.column}` : ''}: `
}

/** The file an import command names, read; the name kept is the file's own, as the web keeps it. */
export function uploadFromFile(file: string): Upload {
  return { name: path.basename(file), bytes: readUserFile(file) }
}

export async function previewThenCommit<Preview extends Pick<StagedImport, 'problems'>>(steps: {
  /** How the file or fetch is named in every line printed. */
  name: string
  preview: () => Promise<Preview>
  /** The place of a problem, printed between the name and the message. */
  locate?: (problem: ImportProblem) => string
  /** Refuses a preview without problems that still cannot be saved (e.g. values in locked periods). */
  refuse?: (preview: Preview) => void
  /** What committing would save, in lines. */
  describe: (preview: Preview) => string[]
  dryRun: boolean | undefined
  /** Commits, and says what was saved. */
  commit: (preview: Preview) => Promise<string>
}): Promise<void> {
  const { name, locate = locateInFile } = steps
  const preview = await steps.preview()
  if (preview.problems.length > 0) {
    for (const p of preview.problems) printProblem(`${name}: ${locate(p)}${p.message}`)
    throw new AppError('validation', `${name} har ${preview.problems.length} fejl. Intet er gemt.`)
  }
  steps.refuse?.(preview)
  for (const line of steps.describe(preview)) print(line)
  if (steps.dryRun) return print('Prøvekørsel: intet er gemt.')
  print(await steps.commit(preview))
}
