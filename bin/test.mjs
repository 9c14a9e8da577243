#!/usr/bin/env node
// npm test: every suite this machine can run. Type and lint checks, unit and integration tests (vitest, real PostgreSQL),
// then the browser journeys (Playwright in Debian's Chromium). Under CI=true nothing may be skipped.
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
process.chdir(root)
const started = Date.now()

function run(label, args) {
  process.stdout.write(`\n=== ${label} ===\n`)
  const t0 = Date.now()
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env })
  const seconds = ((Date.now() - t0) / 1000).toFixed(1)
  process.stdout.write(`=== ${label}: ${result.status === 0 ? 'ok' : 'FEJL / FAILED'} (${seconds} s) ===\n`)
  return result.status === 0
}

const results = [
  run('typecheck (tsc)', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']),
  run('lint (eslint, inkl. importretning)', ['node_modules/eslint/bin/eslint.js', '.']),
  run('vitest: unit- og integrationstest', ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)]),
  run('playwright: brugerrejser i Chromium', ['bin/e2e.mjs']),
]
const failed = results.filter((ok) => !ok).length
process.stdout.write(`\nAlle testsuiter: ${results.length - failed} ok, ${failed} fejlede (${((Date.now() - started) / 1000).toFixed(1)} s)\n`)
process.exit(failed === 0 ? 0 : 1)
