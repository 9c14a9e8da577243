import { LineCounter, parseDocument, stringify, type Document, type ErrorCode } from 'yaml'
import { type AgreementFile as AgreementFileType, AgreementFile } from '../../../shared/agreements.ts'

// Reading and writing the open agreement file format (docs/agreement-format.md). YAML and JSON are
// read by the same parser (JSON is YAML), so both get every problem located by line and column.

export interface FileProblem {
  /** 1-based; 0 when the problem is not tied to a place in the file. */
  line: number
  column: number
  /** The path inside the document, e.g. "agreement.goals.0.indicators.1.rows.0.baseline". */
  path: string
  message: string
}

export type ParseResult = { ok: true; file: AgreementFileType } | { ok: false; problems: FileProblem[] }

/** What the YAML reader's errors mean, in words a user can act on (its own messages are English). */
const YAML_ERRORS: Partial<Record<ErrorCode, string>> = {
  ALIAS_PROPS: 'en henvisning (*navn) kan ikke have et mærke eller en type',
  BAD_ALIAS: 'en henvisning (*navn) peger på noget, der ikke findes',
  BAD_DIRECTIVE: 'linjen med % forstås ikke',
  BAD_DQ_ESCAPE: 'en tekst i anførselstegn har et \\-tegn, der ikke forstås',
  BAD_INDENT: 'indrykningen passer ikke med linjerne over',
  BAD_PROP_ORDER: 'mærke og type står i forkert rækkefølge',
  BAD_SCALAR_START: 'en værdi begynder med et tegn, der skal stå i anførselstegn',
  BLOCK_AS_IMPLICIT_KEY: 'en nøgle kan ikke være en liste eller et afsnit',
  BLOCK_IN_FLOW: 'en indrykket liste kan ikke stå inde i [ ] eller { }',
  DUPLICATE_KEY: 'samme nøgle står to gange',
  IMPOSSIBLE: 'teksten har ikke den rigtige form her',
  KEY_OVER_1024_CHARS: 'en nøgle er længere end 1.024 tegn',
  MISSING_CHAR: 'der mangler et tegn, fx et afsluttende anførselstegn, ] eller }',
  MULTILINE_IMPLICIT_KEY: 'en nøgle går over flere linjer; sæt den i anførselstegn',
  MULTIPLE_ANCHORS: 'en værdi har mere end ét mærke (&navn)',
  MULTIPLE_DOCS: 'filen har mere end ét dokument (---); en delaftale er ét',
  MULTIPLE_TAGS: 'en værdi har mere end én type (!type)',
  NON_STRING_KEY: 'en nøgle skal være tekst',
  RESOURCE_EXHAUSTION: 'filen gentager indhold for mange gange',
  TAB_AS_INDENT: 'en linje er indrykket med tabulator; brug mellemrum',
  TAG_RESOLVE_FAILED: 'en type (!type) kendes ikke',
  UNEXPECTED_TOKEN: 'et tegn står et sted, hvor det ikke hører hjemme',
  BAD_COLLECTION_TYPE: 'en liste eller et afsnit har en type, der ikke passer',
}

/** How many times aliases may be expanded in one file: plenty for a hand-written agreement. */
const MAX_ALIAS_COUNT = 100

export function parseAgreementFile(source: string): ParseResult {
  const lineCounter = new LineCounter()
  const doc = parseDocument(source.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0])
        return { line: pos.line, column: pos.col, path: '', message: `Filen kan ikke læses som YAML/JSON: ${YAML_ERRORS[e.code] ?? 'teksten har ikke den rigtige form her'}.` }
      }),
    }
  }
  let data: unknown
  try {
    // Aliases that expand into aliases ("billion laughs") grow without bound; yaml stops at the
    // limit with a ReferenceError, which is the file's problem, not ours.
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error
    return { ok: false, problems: [{ line: 0, column: 0, path: '', message: 'Filen kan ikke læses som YAML/JSON: den gentager indhold gennem for mange aliasser (*navn).' }] }
  }
  const parsed = AgreementFile.safeParse(data)
  if (parsed.success) return { ok: true, file: parsed.data }
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const { line, column } = locate(doc, lineCounter, issue.path as (string | number)[])
      return { line, column, path: issue.path.join('.'), message: issue.message }
    }),
  }
}

/** The nearest node that exists on the path: a missing field is reported where its parent starts. */
function locate(doc: Document, lineCounter: LineCounter, path: (string | number)[]): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const prefix = path.slice(0, n)
    const node = prefix.length === 0 ? doc.contents : doc.getIn(prefix, true)
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range
    if (range) {
      const pos = lineCounter.linePos(range[0])
      return { line: pos.line, column: pos.col }
    }
  }
  return { line: 0, column: 0 }
}

export function formatProblem(p: FileProblem, fileName?: string): string {
  const where = p.line > 0 ? `linje ${p.line}, kolonne ${p.column}` : 'filen'
  return `${fileName ? `${fileName}: ` : ''}${where}${p.path ? ` (${p.path})` : ''}: ${p.message}`
}

/** The file as YAML, in the schema's field order, long texts as block scalars. */
export function toYaml(file: AgreementFileType): string {
  return stringify(file, { lineWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false })
}

export function toJson(file: AgreementFileType): string {
  return `${JSON.stringify(file, null, 2)}\n`
}
