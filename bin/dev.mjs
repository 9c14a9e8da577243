#!/usr/bin/env node
// npm run dev: the server restarting on change (tsx watch) and Vite's dev server with hot reload
// on http://localhost:5173, which forwards /api to the server.
import { spawn } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const children = [
  spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'watch', '--clear-screen=false', 'src/server/main.ts'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { cwd: root, stdio: 'inherit' }),
]
const stopAll = (signal) => children.forEach((c) => c.exitCode === null && c.kill(signal))
process.on('SIGINT', () => stopAll('SIGINT'))
process.on('SIGTERM', () => stopAll('SIGTERM'))
for (const child of children) child.on('exit', (code) => { stopAll('SIGTERM'); process.exitCode ||= code ?? 0 })
