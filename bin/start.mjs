#!/usr/bin/env node
// npm start: build the web UI when its sources are newer than the last build, then run the server.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { runTs } from './run-ts.mjs'

const root = path.resolve(import.meta.dirname, '..')
process.chdir(root)

function newest(p) {
  if (!fs.existsSync(p)) return 0
  const stat = fs.statSync(p)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...fs.readdirSync(p).map((name) => newest(path.join(p, name))))
}

const built = path.join(root, 'dist/web/index.html')
const sources = ['src/web', 'src/shared', 'vite.config.ts', 'package-lock.json'].map((p) => newest(path.join(root, p)))
if (!fs.existsSync(built) || Math.max(...sources) > fs.statSync(built).mtimeMs) {
  process.stdout.write('Bygger webgrænsefladen … / building the web UI …\n')
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

await runTs('src/server/main.ts')
