#!/usr/bin/env node
// npm start: rebuild what changed (bin/build.mjs), then run the server.
import module from 'node:module'
import { pathToFileURL } from 'node:url'
import { ensureServerBuilt, ensureWebBuilt, root } from './build.mjs'

// From Node 22.1, V8's compiled code of every module is kept between starts (in the system's temporary
// folder), so a restart compiles only what changed. Node 20 has no such cache and starts as before.
module.enableCompileCache?.()
process.chdir(root)
ensureWebBuilt()
const server = await ensureServerBuilt('main')
process.setSourceMapsEnabled(true)
await import(pathToFileURL(server).href)
