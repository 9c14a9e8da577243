import '../shared/lib/zod-locale.ts'
import { loadDotEnv } from './config.ts'
import { registerMigrateCommand } from './db/migrate.cli.ts'
import { registerAgreementCommands } from './features/agreements/agreements.cli.ts'
import { registerAuditCommands } from './features/audit-log/audit-log.cli.ts'
import { registerBackupCommands } from './features/backup/backup.cli.ts'
import { registerCompanyCommands } from './features/companies/companies.cli.ts'
import { registerSourceCommands } from './features/indicators/comparison-sources.cli.ts'
import { registerIndicatorCommands } from './features/indicators/indicators.cli.ts'
import { registerParticipantCommands } from './features/participants/participants.cli.ts'
import { registerReferenceDataCommands } from './features/reference-data/reference-data.cli.ts'
import { registerUserCommands } from './features/users/users.cli.ts'
import { createProgram, runProgram } from './lib/command-line.ts'

// npx indsats <command>. Each feature registers its own commands (<feature>.cli.ts); the plumbing
// they share (database, output, Danish errors, exit codes) is lib/command-line.ts. The order here is
// the order of `indsats --help`.

loadDotEnv()

const program = createProgram()
registerMigrateCommand(program)
registerUserCommands(program)
registerBackupCommands(program)
registerAgreementCommands(program)
registerIndicatorCommands(program)
registerSourceCommands(program)
registerParticipantCommands(program)
registerAuditCommands(program)
registerReferenceDataCommands(program)
registerCompanyCommands(program)

await runProgram(program)
