// One side of one attack in bench/attacks.ts, in a process of its own so its time, peak memory and
// stalls can be measured from outside: an HTTP server with /health and /attack. "before" runs the
// code of the main checkout (MAIN_DIR) as it was before issue 13's fixes; "after" runs this one, the
// way the server does: tables read and PDFs drawn in their worker threads.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const [scenario, side] = process.argv.slice(2) as [string, 'before' | 'after']
const MAIN_DIR = process.env.MAIN_DIR ?? '/work/main'
const here = path.resolve(import.meta.dirname, '..')
const root = side === 'before' ? MAIN_DIR : here
const load = (file: string) => import(pathToFileURL(path.join(root, file)).href)

async function attack(): Promise<string> {
  const input = fs.readFileSync(process.env.ATTACK_FILE!)
  if (scenario === 'zip-bomb' || scenario === 'csv-1m') {
    const name = scenario === 'zip-bomb' ? 'bombe.xlsx' : 'stor.csv'
    if (side === 'before') {
      const { readTable } = await load('src/server/features/imports/read-table.ts')
      const table = await readTable(input, name)
      return `read ${table.sheets[0].rows.length} rows`
    }
    const { readTableInThread } = await load('src/server/features/imports/read-table-thread.ts')
    const table = await readTableInThread(input, name)
    return `read ${table.sheets[0].rows.length} rows`
  }
  if (scenario === 'pdf-word') {
    const { parseAgreementFile } = await load('src/server/features/agreements/agreement-file.ts')
    const { agreementDocumentModel } = await load('src/server/features/agreements/agreement-document.ts')
    const { renderAgreementPdf } = await load('src/server/features/agreements/agreement-pdf.ts')
    const parsed = parseAgreementFile(fs.readFileSync(path.join(here, 'tests/fixtures/agreements/minimal.yaml'), 'utf8'))
    // The model is built from the file as stored before the length limit (the "before" server took it).
    const file = { ...parsed.file, revision: { ...parsed.file.revision, boardDecision: input.toString('utf8') } }
    const model = agreementDocumentModel(file, { effortAreaName: 'Beskæftigelse', revisionNumber: 1, generatedAt: new Date() })
    // The server draws every PDF in a thread (lib/pdf-thread.ts) since issue 13; "before" drew it on the event loop.
    const pdf = side === 'before' ? await renderAgreementPdf(model) : await (await load('src/server/lib/pdf-thread.ts')).renderPdfInThread('agreement', model)
    return `pdf ${pdf.length} bytes`
  }
  throw new Error(`unknown scenario ${scenario}`)
}

const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.end('ok')
    return
  }
  const started = performance.now()
  attack().then(
    (result) => res.end(JSON.stringify({ ok: true, ms: performance.now() - started, result })),
    (error: unknown) => res.end(JSON.stringify({ ok: false, ms: performance.now() - started, result: error instanceof Error ? error.message.slice(0, 200) : String(error) })),
  )
})
// Load the code before listening, as a running server has it loaded: the attack measures the work,
// not the first import of the modules.
if (scenario === 'pdf-word') {
  await load('src/server/features/agreements/agreement-pdf.ts')
  await load('src/server/features/agreements/agreement-document.ts')
  if (side === 'after') await load('src/server/lib/pdf-thread.ts')
} else {
  await load(side === 'before' ? 'src/server/features/imports/read-table.ts' : 'src/server/features/imports/read-table-thread.ts')
}
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as { port: number }).port}\n`)
})
