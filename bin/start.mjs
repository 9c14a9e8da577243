#!/usr/bin/env node
// npm start: rebuild what changed (bin/build.mjs), then run the server.
import { pathToFileURL } from 'node:url'
import { ensureServerBuilt, ensureWebBuilt, root } from './build.mjs'

process.chdir(root)
ensureWebBuilt()
const server = await ensureServerBuilt('main')
process.setSourceMapsEnabled(true)
await import(pathToFileURL(server).href)
