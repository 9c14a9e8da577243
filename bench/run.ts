// npm run bench [-- startup|agreement-export|value-import|status-report|participants|attacks|companies|staff-time|counselling|retention|api|follow-up|csv-stream|soak]: every benchmark (or the named ones); each writes
// its results to bench/results/<name>.json. A number after a name is passed to it (`soak 5`: five minutes).
import { runAgreementExportBench } from './agreement-export.ts'
import { runApiBench } from './api.ts'
import { runAttacksBench } from './attacks.ts'
import { runCompaniesBench } from './companies.ts'
import { runCounsellingBench } from './counselling.ts'
import { runCsvStreamBench } from './csv-stream.ts'
import { runFollowUpBench } from './follow-up.ts'
import { runParticipantsBench } from './participants.ts'
import { runRetentionBench } from './retention.ts'
import { runStaffTimeBench } from './staff-time.ts'
import { runStartupBench } from './startup.ts'
import { runSoakBench } from './soak.ts'
import { runStatusReportBench } from './status-report.ts'
import { runValueImportBench } from './value-import.ts'

const benches: Record<string, (args: string[]) => Promise<void>> = {
  startup: runStartupBench,
  'agreement-export': runAgreementExportBench,
  'value-import': runValueImportBench,
  'status-report': runStatusReportBench,
  participants: runParticipantsBench,
  attacks: runAttacksBench,
  companies: runCompaniesBench,
  'staff-time': runStaffTimeBench,
  counselling: runCounsellingBench,
  retention: runRetentionBench,
  api: runApiBench,
  'follow-up': runFollowUpBench,
  'csv-stream': runCsvStreamBench,
  soak: runSoakBench,
}

const argv = process.argv.slice(2)
const wanted: { name: string; args: string[] }[] = []
for (const arg of argv) {
  if (/^\d+(\.\d+)?$/.test(arg) && wanted.length) wanted.at(-1)!.args.push(arg)
  else wanted.push({ name: arg, args: [] })
}
for (const { name, args } of wanted.length ? wanted : Object.keys(benches).map((name) => ({ name, args: [] }))) {
  const bench = benches[name]
  if (!bench) throw new Error(`Unknown benchmark "${name}". Known: ${Object.keys(benches).join(', ')}`)
  process.stdout.write(`\n=== bench: ${name} ===\n`)
  await bench(args)
}
