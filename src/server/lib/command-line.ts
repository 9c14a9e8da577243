import fs from 'node:fs'
import path from 'node:path'
import { Command } from 'commander'
import { boot, type Booted } from '../boot.ts'
import { ConfigError, loadConfig } from '../config.ts'
import { DatabaseRoleError, openDatabase } from '../db/client.ts'
import { DataDirLockedError } from '../db/data-lock.ts'
import { EmbeddedDbError } from '../db/embedded.ts'
import { systemAuthority } from './authorize.ts'
import { AppError } from './errors.ts'
import { createLogger } from './logger.ts'

// What every command of `npx indsats` shares: the program, the database for the length of one
// command, files named relative to where the command was typed, output, and errors printed in
// Danish with exit code 1. Each feature registers its own commands (<feature>.cli.ts); src/server/
// cli.ts only assembles them. A command works whether or not the server runs: on the embedded
// database it uses the running instance, or starts the database itself for the command.

/** Who the command line acts as: the operator at the machine, recorded as "Kommandolinjen". */
export const cli = systemAuthority('cli')

export function createProgram(): Command {
  return new Command()
    .name('indsats')
    .description('Indsats på kommandolinjen: database, brugere, delaftaler, opfølgning, backup og gendannelse.')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: false })
    .helpOption('-h, --help', 'vis hjælp')
    .helpCommand('help [kommando]', 'vis hjælp til en kommando')
}

/** Runs `fn` with a booted context (schema migrated; nothing seeded) and always releases the database. */
export async function withApp<T>(fn: (booted: Booted) => Promise<T>): Promise<T> {
  const booted = await boot(loadConfig(), createLogger(process.env.LOG_LEVEL ?? 'warn'), 'cli')
  try {
    return await fn(booted)
  } finally {
    await booted.close()
  }
}

/**
 * Runs `fn` with the database's connection string only (no schema change, no context), for the
 * commands that work on the database as a whole: migrate, backup, restore.
 */
export async function withDatabase<T>(fn: (connectionString: string) => Promise<T>): Promise<T> {
  const handle = await openDatabase(loadConfig(), { purpose: 'cli' })
  try {
    return await fn(handle.connectionString)
  } finally {
    await handle.release()
  }
}

/** A file argument, relative to the directory the command was typed in. */
export function userPath(file: string): string {
  return path.resolve(process.env.INDSATS_CWD ?? process.cwd(), file)
}

/** The bytes of a file the operator named, or a Danish error saying it cannot be read. */
export function readUserFile(file: string): Buffer {
  try {
    return fs.readFileSync(userPath(file))
  } catch {
    throw new AppError('validation', `Filen ${file} kan ikke læses.`)
  }
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`)
}

/** A problem line on standard error, so standard output stays what a script may read. */
export function printProblem(line: string): void {
  process.stderr.write(`${line}\n`)
}

/** `--format json` prints the data as JSON; otherwise `text` prints the lines people read. */
export function printAs(format: string, data: unknown, text: () => void): void {
  if (format === 'json') print(JSON.stringify(data, null, 2))
  else text()
}

/** Parses the command line and runs the command; any error is one Danish line and exit code 1. */
export async function runProgram(program: Command, argv: string[] = process.argv): Promise<void> {
  try {
    await program.parseAsync(argv)
  } catch (error) {
    if (error instanceof AppError || error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof EmbeddedDbError || error instanceof DatabaseRoleError) {
      const issues = error instanceof AppError && error.options.issues ? error.options.issues.map((i) => `\n  ${i.path}: ${i.message}`).join('') : ''
      process.stderr.write(`Fejl: ${error.message}${issues}\n`)
      process.exit(1)
    }
    if (error instanceof Error && error.name === 'ZodError') {
      const zodIssues = (error as unknown as { issues: { path: PropertyKey[]; message: string }[] }).issues
      process.stderr.write(`Fejl:${zodIssues.map((i) => `\n  ${i.path.join('.')}: ${i.message}`).join('')}\n`)
      process.exit(1)
    }
    // Anything else is a fault of ours or of the machine: still one Danish line, never a stack
    // trace; the English detail is there for whoever runs the command again with LOG_LEVEL=debug.
    const debug = process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace'
    process.stderr.write(`Fejl: Kommandoen stoppede ved en uventet fejl. Kør den igen med LOG_LEVEL=debug for at se detaljerne.\n`)
    if (debug) process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exit(1)
  }
}
