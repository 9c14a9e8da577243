import { Command } from 'commander'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runProgram } from './command-line.ts'

// An error no command expected (a bug, a full disk) still ends the command as every other failure
// does: one Danish line and exit code 1. The English detail is for LOG_LEVEL=debug only.

function failingProgram(): Command {
  return new Command('indsats').command('fejl').action(async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'rows')")
  }).parent!
}

async function run(logLevel: string | undefined): Promise<{ stderr: string; exitCode: number | undefined }> {
  let stderr = ''
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk)
    return true
  })
  let exitCode: number | undefined
  vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    exitCode = code
  }) as typeof process.exit)
  vi.stubEnv('LOG_LEVEL', logLevel)
  await runProgram(failingProgram(), ['node', 'indsats', 'fejl'])
  return { stderr, exitCode }
}

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

describe('an unexpected error on the command line', () => {
  it('is one Danish line and exit code 1, without the stack', async () => {
    const { stderr, exitCode } = await run('warn')
    expect(exitCode).toBe(1)
    expect(stderr).toBe('Fejl: Kommandoen stoppede ved en uventet fejl. Kør den igen med LOG_LEVEL=debug for at se detaljerne.\n')
  })

  it('adds the English detail under LOG_LEVEL=debug', async () => {
    const { stderr, exitCode } = await run('debug')
    expect(exitCode).toBe(1)
    const [first, ...rest] = stderr.trimEnd().split('\n')
    expect(first).toBe('Fejl: Kommandoen stoppede ved en uventet fejl. Kør den igen med LOG_LEVEL=debug for at se detaljerne.')
    expect(rest.join('\n')).toContain("TypeError: Cannot read properties of undefined (reading 'rows')")
  })
})
