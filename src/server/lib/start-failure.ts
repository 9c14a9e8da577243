/** Stops start-up with a message for the person who started Indsats, without a stack trace. */
export function fail(message: string, code = 1): never {
  process.stderr.write(`\n${message}\n\n`)
  process.exit(code)
}
