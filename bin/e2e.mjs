#!/usr/bin/env node
// npm run test:e2e: the Playwright journeys, on Debian's Chromium. Extra arguments go to
// `playwright test` (e.g. npm run test:e2e -- --grep keyboard).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ci = process.env.CI === 'true'

if (!fs.existsSync(chromium)) {
  const message = `Chromium findes ikke på ${chromium} / Chromium not found at ${chromium}.\nInstall it with: apt-get install -y chromium (or set CHROMIUM_PATH).`
  if (ci) {
    console.error(`${message}\nThe end-to-end journeys cannot run, and CI=true requires them.`)
    process.exit(1)
  }
  console.log(`${message}\nSkipping the end-to-end journeys.`)
  process.exit(0)
}

const result = spawnSync(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  // Never let Playwright fetch a browser of its own.
  env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', CHROMIUM_PATH: chromium },
})
if (result.error) {
  console.error(result.error.message)
  process.exit(1)
}
process.exit(result.status ?? 1)
