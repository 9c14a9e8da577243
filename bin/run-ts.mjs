// Runs a TypeScript entry point through tsx's loader (no build step for the server).
import { register } from 'tsx/esm/api'

register()

export async function runTs(relativePath) {
  return import(new URL(`../${relativePath}`, import.meta.url).href)
}
