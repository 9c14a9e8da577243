import fs from 'node:fs'
import { AGREEMENT_SCHEMA_FILE, agreementJsonSchema } from './agreement-json-schema.ts'

fs.writeFileSync(AGREEMENT_SCHEMA_FILE, `${JSON.stringify(agreementJsonSchema(), null, 2)}\n`)
process.stdout.write(`Wrote ${AGREEMENT_SCHEMA_FILE}\n`)
