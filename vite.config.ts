import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/**
 * Writes a .br and a .gz next to every text asset of the build, so the server sends them as they
 * are (@fastify/static `preCompressed`) instead of compressing on every request (decision 018).
 */
function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'indsats-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    async closeBundle() {
      const files = fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|css|html|svg|json)$/.test(f))
      await Promise.all(
        files.map(async (file) => {
          const full = path.join(outDir, file)
          const bytes = fs.readFileSync(full)
          const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length }
          fs.writeFileSync(`${full}.br`, await brotli(bytes, { params }))
          fs.writeFileSync(`${full}.gz`, await gzip(bytes, { level: 9 }))
        }),
      )
    },
  }
}

const modules = path.resolve(import.meta.dirname, 'node_modules')

export default defineConfig(({ command }) => ({
  root: 'src/web',
  publicDir: false,
  plugins: [react(), precompress()],
  resolve: {
    // react-router's package exports only its development build to bundlers; the browser gets the
    // production one (no dev-only warnings and checks).
    alias:
      command === 'build'
        ? [
            { find: /^react-router$/, replacement: path.join(modules, 'react-router/dist/production/index.mjs') },
            { find: /^react-router\/dom$/, replacement: path.join(modules, 'react-router/dist/production/dom-export.mjs') },
          ]
        : [],
  },
  build: { outDir: '../../dist/web', emptyOutDir: true, sourcemap: true },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
}))
