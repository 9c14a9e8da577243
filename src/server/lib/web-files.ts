import type { FastifyBaseLogger, FastifyReply } from 'fastify'

// The web app's files are sent by @fastify/static's own `sendFile` (precompressed .br/.gz chosen by
// the request's Accept-Encoding, ranges, ETags, its refusal of paths out of the folder), but the
// plugin is loaded at the first request for a file, not at start: with glob, send and mime it is
// ≈ 50–80 ms of a start that serves no file (decision 046). Fastify takes no plugin after it has
// started, so the plugin is run once against a host that only keeps the `sendFile` it decorates
// replies with, and that function is called with the real reply as `this`, as Fastify would.

type SendFile = (this: FastifyReply, file: string) => FastifyReply

export interface WebFiles {
  /** Sends `file` (relative to the folder) on `reply`; the caller has set its headers. */
  send(reply: FastifyReply, file: string): Promise<FastifyReply>
}

export function webFiles(root: string, log: FastifyBaseLogger): WebFiles {
  let loading: Promise<SendFile> | undefined
  const load = async (): Promise<SendFile> => {
    const { fastifyStatic } = await import('@fastify/static')
    let sendFile: SendFile | undefined
    const host = {
      log,
      decorateReply(name: string, fn: unknown) {
        if (name === 'sendFile') sendFile = fn as SendFile
      },
    }
    // cacheControl off: @fastify/static would otherwise replace the caller's cache-control with its
    // own max-age=0. preCompressed: the build writes .br/.gz next to each asset (vite.config.ts), sent
    // to browsers that accept them (decision 018). `serve: false`: no routes, only `sendFile`.
    await fastifyStatic(host as never, { root, serve: false, cacheControl: false, preCompressed: true })
    if (!sendFile) throw new Error('@fastify/static did not decorate replies with sendFile')
    return sendFile
  }
  return {
    async send(reply, file) {
      loading ??= load().catch((error: unknown) => {
        loading = undefined
        throw error
      })
      return (await loading).call(reply, file)
    },
  }
}
