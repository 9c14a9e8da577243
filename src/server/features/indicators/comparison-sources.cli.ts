import readline from 'node:readline'
import { Writable } from 'node:stream'
import type { Command } from 'commander'
import { formatDateTime } from '../../../shared/lib/format.ts'
import { cli, print, printAs, withApp } from '../../lib/command-line.ts'
import { AppError } from '../../lib/errors.ts'
import { listSourceKeys, setSourceKey } from './comparison-sources.service.ts'

/**
 * The key from standard input, never from an argument (which would stay in the shell's history and
 * in the process list). At a terminal it is typed or pasted without being shown; otherwise it is
 * read to the end (indsats source set-key … < nøgle.txt).
 */
async function readSecret(prompt: string): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write(prompt)
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() })
    const rl = readline.createInterface({ input: process.stdin, output: silent, terminal: true })
    try {
      const line = await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')))
      process.stderr.write('\n')
      return line
    } finally {
      rl.close()
    }
  }
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
  return Buffer.concat(chunks).toString('utf8')
}

/** indsats source set-key | list */
export function registerSourceCommands(program: Command): void {
  const source = program.command('source').description('Kilder til kommunetal: nøgler til Jobindsats')

  source
    .command('set-key')
    .description('Læg en organisations nøgle til Jobindsats ind (læses fra standardinput; erstatter en tidligere nøgle)')
    .requiredOption('--organisation <navn>', 'organisationen, fx "Jobcenter Sønderborg" (se "indsats user list")')
    .requiredOption('--source <kilde>', 'jobindsats')
    .action(async (opts: { organisation: string; source: string }) => {
      if (opts.source !== 'jobindsats') throw new AppError('validation', `Kilden "${opts.source}" bruger ingen nøgle. Kun jobindsats har nøgler (Danmarks Statistik er åben).`)
      const apiKey = await readSecret(`Indsæt ${opts.organisation}s nøgle til Jobindsats, og tryk Enter: `)
      await withApp(async ({ ctx }) => {
        const set = await setSourceKey(ctx, cli, { organisation: opts.organisation, source: 'jobindsats', apiKey })
        print(`Nøglen til Jobindsats for ${set.organisation} er ${set.replaced ? 'udskiftet' : 'gemt'} (sat ${formatDateTime(set.setAt)} af Kommandolinjen).`)
      })
    })

  source
    .command('list')
    .description('Vis hvilke organisationer der har en nøgle, og hvornår den er sat (aldrig selve nøglen)')
    .option('--format <format>', 'text eller json', 'text')
    .action(async (opts: { format: string }) => {
      await withApp(async ({ ctx }) => {
        const keys = await listSourceKeys(ctx, cli)
        printAs(opts.format, keys, () => {
          for (const k of keys) print(`${k.organisation}\t${k.source}\tsat ${formatDateTime(k.setAt)} af ${k.setBy}`)
          print(`${keys.length} ${keys.length === 1 ? 'nøgle' : 'nøgler'}.`)
        })
      })
    })
}
