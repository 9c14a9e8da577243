#!/usr/bin/env node
// The Indsats command line: npx indsats --help
import path from 'node:path'
import { runTs } from './run-ts.mjs'

// File arguments are resolved against where the command was typed; the rest against the project.
process.env.INDSATS_CWD ??= process.cwd()
process.chdir(path.resolve(import.meta.dirname, '..'))
await runTs('src/server/cli.ts')
