#!/usr/bin/env node
// The Indsats command line: npx indsats --help
import { pathToFileURL } from 'node:url'
import { ensureServerBuilt, root } from './build.mjs'

// File arguments are resolved against where the command was typed; the rest against the project.
process.env.INDSATS_CWD ??= process.cwd()
process.chdir(root)
const cli = await ensureServerBuilt('cli')
process.setSourceMapsEnabled(true)
await import(pathToFileURL(cli).href)
