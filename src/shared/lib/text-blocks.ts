// The small text convention of agreement texts (docs/agreement-format.md), parsed once for every
// output (web page, Word, PDF): paragraphs separated by a blank line, "- " bullets, "1) " numbered
// items, "## " sub-headings, and "[^n]" footnote marks inside any of them.

export type TextBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'numbered'; items: string[] }

const BULLET = /^[-•]\s+/
const NUMBERED = /^\d+[).]\s+/

export function parseTextBlocks(source: string | undefined): TextBlock[] {
  if (!source) return []
  const blocks: TextBlock[] = []
  let paragraph: string[] = []
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') })
    paragraph = []
  }
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim()
    if (!line) {
      flush()
      continue
    }
    if (line.startsWith('## ')) {
      flush()
      blocks.push({ kind: 'heading', text: line.slice(3).trim() })
      continue
    }
    const list = BULLET.test(line) ? 'bullets' : NUMBERED.test(line) ? 'numbered' : null
    if (list) {
      flush()
      const item = line.replace(list === 'bullets' ? BULLET : NUMBERED, '')
      const last = blocks.at(-1)
      if (last && last.kind === list) last.items.push(item)
      else blocks.push({ kind: list, items: [item] })
      continue
    }
    // A line straight after a list item continues that item (a wrapped bullet).
    const last = blocks.at(-1)
    if (!paragraph.length && last && (last.kind === 'bullets' || last.kind === 'numbered') && !/^\s*$/.test(raw) && /^\s{2,}/.test(raw)) {
      last.items[last.items.length - 1] += ` ${line}`
      continue
    }
    paragraph.push(line)
  }
  flush()
  return blocks
}

export type InlinePart = { kind: 'text'; text: string } | { kind: 'footnote'; mark: number }

/** Splits "… trivsel[^1]. Gennem …" into text and footnote marks. */
export function splitFootnotes(text: string): InlinePart[] {
  const parts: InlinePart[] = []
  const re = /\[\^(\d+)\]/g
  let at = 0
  for (const match of text.matchAll(re)) {
    if (match.index > at) parts.push({ kind: 'text', text: text.slice(at, match.index) })
    parts.push({ kind: 'footnote', mark: Number(match[1]) })
    at = match.index + match[0].length
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) })
  return parts
}

/** The text without footnote marks or list markers, for search and comparison. */
export function plainText(source: string | undefined): string {
  return parseTextBlocks(source)
    .flatMap((b) => (b.kind === 'bullets' || b.kind === 'numbered' ? b.items : [b.text]))
    .join('\n')
    .replace(/\[\^\d+\]/g, '')
}

/** A one-line text (a name, a label) without its footnote marks, for messages and labels. */
export function withoutFootnoteMarks(text: string): string {
  return text.replace(/\[\^\d+\]/g, '')
}
