#!/usr/bin/env node
// Regenerates docs/agreement-format.schema.json from the zod schema (npm run agreement:schema).
import { runTs } from './run-ts.mjs'

await runTs('src/server/features/agreements/agreement-json-schema-cli.ts')
