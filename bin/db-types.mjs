#!/usr/bin/env node
// Regenerates src/server/db/types.ts from the migrated schema (npm run db:types).
import { runTs } from './run-ts.mjs'

await runTs('src/server/db/codegen-cli.ts')
