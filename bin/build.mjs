// Rebuilds what is older than its sources: the web UI (Vite) and the server and CLI bundles
// (esbuild). Bundling halves the server's start-up compared with compiling TypeScript on the fly
// (bench/results/startup.json, docs/decisions/001-stack.md). Used by `npm start` and `npx indsats`.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const root = path.resolve(import.meta.dirname, '..')

function newest(p) {
  if (!fs.existsSync(p)) return 0
  const stat = fs.statSync(p)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...fs.readdirSync(p).map((name) => newest(path.join(p, name))))
}

function stale(output, sources) {
  return !fs.existsSync(output) || Math.max(...sources.map((p) => newest(path.join(root, p)))) > fs.statSync(output).mtimeMs
}

export function ensureWebBuilt() {
  if (!stale(path.join(root, 'dist/web/index.html'), ['src/web', 'src/shared', 'vite.config.ts', 'package-lock.json'])) return
  process.stdout.write('Bygger webgrænsefladen … / building the web UI …\n')
  // Always a production build: a caller's NODE_ENV (vitest sets `test`) would otherwise give React's
  // development build, whose StrictMode double effects change focus behaviour.
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

// Kysely is 262 files and zod 95; fastify-type-provider-zod goes with zod, so that the server has
// one zod, whose settings (the Danish messages) and schemas its compilers see. Fastify and the two
// plugins registered at start come with what they require (avvio, find-my-way, semver, ip-address…:
// ~30 packages of CommonJS files, each found, read and wrapped by Node one by one at every start).
const BUNDLED_PACKAGES = new Set(['kysely', 'zod', 'fastify-type-provider-zod', 'fastify', '@fastify/cookie', '@fastify/rate-limit'])
// …except what a bundled package requires but a start does not run: Fastify's own schema compilers
// (Ajv, fast-json-stringify; every schema is zod, decision 046), and pino and pg, which load files
// or optional packages (pino's transports, pg-native) by name at run time.
const NOT_BUNDLED = new Set([
  '@fastify/ajv-compiler',
  '@fastify/fast-json-stringify-compiler',
  '@fastify/merge-json-schemas',
  'ajv',
  'ajv-formats',
  'fast-json-stringify',
  'json-schema-ref-resolver',
  'pg',
  'pino',
])

// zod's namespace object (`z`) names all 64 of its locales, so esbuild keeps every one (370 KB, half
// of zod in the bundle, compiled and source-mapped at every start) though the server uses only the
// Danish one (src/shared/lib/zod-locale.ts) and the English default, which zod imports by itself.
const ZOD_LOCALES = ['da', 'en']

/** zod's index of locales, with only the locales the server uses. */
function onlyZodLocales(names) {
  return {
    name: 'only-zod-locales',
    setup(build) {
      build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
        contents: names.map((name) => `export { default as ${name} } from './${name}.js'`).join('\n'),
        resolveDir: path.dirname(args.path),
        loader: 'js',
      }))
    },
  }
}

/**
 * esbuild's `packages: 'external'`, but with the named packages bundled, and the packages they
 * import in turn, but for those named in `never`.
 */
function externalPackagesExcept(named, never) {
  return {
    name: 'external-packages',
    setup(build) {
      const bundled = new Set(named)
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const parts = args.path.split('/')
        const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
        if (name.startsWith('node:')) return { path: args.path, external: true }
        // The package of the importing file (the last node_modules folder in its path).
        const importer = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](?!.*node_modules)/.exec(args.importer)?.[1]?.replace('\\', '/')
        if (bundled.has(name) || (importer !== undefined && bundled.has(importer) && !never.has(name))) {
          bundled.add(name)
          return undefined
        }
        return { path: args.path, external: true }
      })
    },
  }
}

/** Returns the path of the bundle for `entry` (`main` or `cli`), building both when stale. */
export async function ensureServerBuilt(entry) {
  const outDir = path.join(root, 'dist/server')
  const out = path.join(outDir, `${entry}.mjs`)
  if (!stale(out, ['src/server', 'src/shared', 'package-lock.json', 'bin/build.mjs'])) return out
  const { build } = await import('esbuild')
  // Built aside and renamed file by file, so a process starting meanwhile never runs half a bundle.
  const tmpDir = path.join(root, `dist/.server-${process.pid}`)
  await build({
    entryPoints: {
      main: path.join(root, 'src/server/main.ts'),
      cli: path.join(root, 'src/server/cli.ts'),
      // Uploaded tables are read in a worker thread of their own (features/imports/read-table-thread.ts).
      'read-table-worker': path.join(root, 'src/server/features/imports/read-table.worker.ts'),
      // PDFs are drawn in a worker thread with a time and memory budget (lib/pdf-thread.ts).
      'pdf-worker': path.join(root, 'src/server/pdf.worker.ts'),
    },
    outdir: tmpDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies stay in node_modules and load from there, except the few whose hundreds of small
    // ES modules cost more to find and load one by one than their code does (decision 046).
    plugins: [externalPackagesExcept(BUNDLED_PACKAGES, NOT_BUNDLED), onlyZodLocales(ZOD_LOCALES)],
    // Bundled CommonJS code requires Node's own modules (and the packages left out) with `require`,
    // which an ES module does not have.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    // Code behind a dynamic import() (Word, PDF, Excel, charts) becomes its own chunk, loaded at its
    // first use: without splitting it would be inlined and its libraries loaded at every start.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Each bundle's map in a file of its own beside it: inline, it would be a second copy of the map in
    // the source text V8 keeps of every module, and Node keeps the data: URL too (decision 046).
    sourcemap: 'linked',
    // Stack traces need only the mappings; the sources themselves would cost ~18 MiB of idle memory.
    sourcesContent: false,
    minifyWhitespace: true,
    logLevel: 'warning',
  })
  // Chunks first (their names carry a content hash, so they never replace a file in use), the
  // entries last, so a process starting meanwhile finds every chunk its entry names. Chunks of
  // earlier builds are removed an hour later, when no running process can still load one lazily.
  const chunkDir = path.join(outDir, 'chunks')
  fs.mkdirSync(chunkDir, { recursive: true })
  const built = new Set(fs.existsSync(path.join(tmpDir, 'chunks')) ? fs.readdirSync(path.join(tmpDir, 'chunks')) : [])
  for (const file of built) fs.renameSync(path.join(tmpDir, 'chunks', file), path.join(chunkDir, file))
  for (const file of fs.readdirSync(chunkDir)) {
    if (!built.has(file) && fs.statSync(path.join(chunkDir, file)).mtimeMs < Date.now() - 3_600_000) fs.rmSync(path.join(chunkDir, file))
  }
  // Each entry's map before the entry itself.
  const entries = fs.readdirSync(tmpDir).filter((file) => file !== 'chunks')
  for (const file of entries.sort((a, b) => Number(b.endsWith('.map')) - Number(a.endsWith('.map')))) {
    fs.renameSync(path.join(tmpDir, file), path.join(outDir, file))
  }
  fs.rmSync(tmpDir, { recursive: true, force: true })
  return out
}
