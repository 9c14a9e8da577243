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

/**
 * Leaves zod's JSON Schema generation out of the browser's bundle (decision 047). Every classic zod
 * schema carries a `toJSONSchema()` method and a `~standard.jsonSchema`, so the generator and its
 * per-type processors (about 5 KB gzip) reach the browser although only the server writes JSON
 * Schema (`npm run agreement:schema`). In the web build the two modules are replaced by stubs with
 * the same exports, read from the modules themselves, each throwing if called.
 */
function withoutZodJsonSchema(): Plugin {
  const stubbed = /[\\/]zod[\\/]v4[\\/]core[\\/](json-schema-processors|to-json-schema)\.js$/
  return {
    name: 'indsats-without-zod-json-schema',
    apply: 'build',
    load(id) {
      if (!stubbed.test(id)) return null
      const source = fs.readFileSync(id, 'utf8')
      const names = new Set([...source.matchAll(/^export (?:const|function|class) (\w+)/gm)].map((m) => m[1]!))
      for (const m of source.matchAll(/^export \{([^}]*)\}/gm)) for (const part of m[1]!.split(',')) if (part.trim()) names.add(part.trim().split(/\s+as\s+/).pop()!)
      // The two factories run when `~standard` is read (their result only when called), the rest only inside them.
      const lines = [...names].map((name) => `export const ${name} = ${/^create\w+Method$/.test(name) ? '() => unavailable' : 'unavailable'}`)
      return `function unavailable() { throw new Error('JSON Schema is not generated in the browser.') }\n${lines.join('\n')}\n`
    },
  }
}

const modules = path.resolve(import.meta.dirname, 'node_modules')

export default defineConfig(({ command }) => ({
  root: 'src/web',
  publicDir: false,
  plugins: [react(), withoutZodJsonSchema(), precompress()],
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
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Fewer, larger shared chunks for the first page (decision 047): everything the entry
        // imports statically is one chunk (it was split in two), and the components and hooks
        // under components/ and lib/, a few KB that nearly every page uses, are one chunk instead
        // of a dozen of a few hundred bytes each, every one a request with its own headers. Pages
        // stay chunks of their own.
        codeSplitting: {
          groups: [
            { name: 'shell', tags: ['$initial'], priority: 2 },
            { name: 'ui', test: /src[\\/]web[\\/](components|lib)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
}))
