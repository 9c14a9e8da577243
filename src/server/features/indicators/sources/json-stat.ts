// A JSON-stat dataset as a list of cells: data in, data out, no I/O.
//
// Two dialects reach us. Danmarks Statistik's format JSONSTAT answers in the JSON-stat 1.x "bundle"
// form: { "dataset": { "dimension": { <dims>, "id": [...], "size": [...], "role": {...} }, "value": [...] } }.
// JSON-stat 2.0 (https://json-stat.org/format/) puts id, size and role beside "dimension" in a
// dataset marked class "dataset". Both are read here, so the adapter keeps working if StatBank moves
// to 2.0. Values are stored in row-major order: the LAST dimension in `id` varies fastest.
//
// Also allowed by the format and handled: category.index as an array or an object (or absent, when the
// labels give the order), value and status as arrays or as sparse objects keyed by position.

export interface JsonStatCategory {
  code: string
  label: string
}

export interface JsonStatDimension {
  id: string
  label: string
  categories: JsonStatCategory[]
}

export interface JsonStatCell {
  /** The category of every dimension, by dimension id. */
  categories: Record<string, JsonStatCategory>
  /** null where the dataset has no figure (JSON-stat's null, e.g. suppressed or not published). */
  value: number | null
  /** The cell's status symbol, if the dataset has one (e.g. ".."). */
  status: string | null
}

export interface JsonStatTable {
  label: string | null
  source: string | null
  updated: string | null
  dimensions: JsonStatDimension[]
  /** The dimensions with role "time", "geo" and "metric", as the dataset declares them. */
  roles: { time: string[]; geo: string[]; metric: string[] }
  cells: JsonStatCell[]
}

/** The dataset is not JSON-stat we can read; the message (English) says where. */
export class JsonStatFormatError extends Error {
  override name = 'JsonStatFormatError'
}

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const fail = (message: string): never => {
  throw new JsonStatFormatError(message)
}

/** The first dataset of a JSON-stat answer (1.x bundle or 2.0 dataset), as cells. Throws JsonStatFormatError. */
export function readJsonStat(input: unknown): JsonStatTable {
  if (!isObject(input)) return fail('the answer is not a JSON object')
  let dataset: Json
  let ids: unknown
  let sizes: unknown
  let role: unknown
  if (input.class === 'dataset' || (input.version === '2.0' && 'dimension' in input)) {
    dataset = input
    ids = input.id
    sizes = input.size
    role = input.role
  } else {
    if (typeof input.class === 'string') return fail(`JSON-stat class "${input.class}" is not a dataset`)
    // 1.x: a bundle of named datasets; StatBank names its only one "dataset".
    const first = Object.values(input).find((v) => isObject(v) && 'dimension' in v)
    if (!isObject(first)) return fail('no dataset with a "dimension" object')
    dataset = first
    if (!isObject(dataset.dimension)) return fail('"dimension" is not an object')
    ids = dataset.dimension.id
    sizes = dataset.dimension.size
    role = dataset.dimension.role
  }
  const dimensionObject = dataset.dimension
  if (!isObject(dimensionObject)) return fail('"dimension" is not an object')
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return fail('"id" is not a list of dimension ids')
  if (!Array.isArray(sizes) || sizes.length !== ids.length || !sizes.every((s) => Number.isInteger(s) && s >= 0)) {
    return fail('"size" is not a list of one whole number per dimension')
  }

  const dimensions = (ids as string[]).map((id, i) => readDimension(id, dimensionObject[id], sizes[i] as number))
  const total = (sizes as number[]).reduce((product, size) => product * size, 1)
  const values = readValues(dataset.value, total)
  const statuses = readStatuses(dataset.status, total)

  const cells: JsonStatCell[] = []
  for (let position = 0; position < total; position++) {
    // Row-major: peel the position from the last dimension (fastest) to the first.
    const at = new Array<number>(dimensions.length)
    let rest = position
    for (let d = dimensions.length - 1; d >= 0; d--) {
      const size = (dimensions[d] as JsonStatDimension).categories.length
      at[d] = rest % size
      rest = Math.floor(rest / size)
    }
    const categories: Record<string, JsonStatCategory> = {}
    dimensions.forEach((dimension, d) => {
      categories[dimension.id] = dimension.categories[at[d] as number] as JsonStatCategory
    })
    cells.push({ categories, value: values[position] ?? null, status: statuses[position] ?? null })
  }

  return {
    label: typeof dataset.label === 'string' ? dataset.label : null,
    source: typeof dataset.source === 'string' ? dataset.source : null,
    updated: typeof dataset.updated === 'string' ? dataset.updated : null,
    // Keep the order of "id": it is the order of the figures.
    dimensions,
    roles: readRoles(role),
    cells,
  }
}

function readDimension(id: string, input: unknown, size: number): JsonStatDimension {
  if (!isObject(input)) return fail(`dimension "${id}" is listed in "id" but not described`)
  const category = input.category
  if (!isObject(category)) return fail(`dimension "${id}" has no "category"`)
  const labels = isObject(category.label) ? category.label : {}

  let codes: string[]
  if (Array.isArray(category.index)) {
    if (!category.index.every((c) => typeof c === 'string')) return fail(`dimension "${id}": "index" is not a list of codes`)
    codes = category.index as string[]
  } else if (isObject(category.index)) {
    const index = category.index
    codes = new Array<string>(Object.keys(index).length)
    for (const [code, at] of Object.entries(index)) {
      if (!Number.isInteger(at) || (at as number) < 0 || (at as number) >= codes.length || codes[at as number] !== undefined) {
        return fail(`dimension "${id}": category "${code}" has position ${JSON.stringify(at)}`)
      }
      codes[at as number] = code
    }
  } else if (category.index === undefined) {
    // The format lets "index" be left out when "label" lists the categories (typically just one).
    codes = Object.keys(labels)
  } else {
    return fail(`dimension "${id}": "index" is neither a list nor an object`)
  }
  if (codes.length !== size) return fail(`dimension "${id}" has ${codes.length} categories but "size" says ${size}`)

  return {
    id,
    label: typeof input.label === 'string' ? input.label : id,
    categories: codes.map((code) => ({ code, label: typeof labels[code] === 'string' ? (labels[code] as string) : code })),
  }
}

function readValues(input: unknown, total: number): (number | null)[] {
  const values = new Array<number | null>(total).fill(null)
  const put = (position: number, value: unknown) => {
    if (value === null) return
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(`value at position ${position} is ${JSON.stringify(value)}, not a number`)
    values[position] = value as number
  }
  if (Array.isArray(input)) {
    if (input.length !== total) fail(`"value" has ${input.length} figures but the dimensions make ${total}`)
    input.forEach((value, position) => put(position, value))
  } else if (isObject(input)) {
    for (const [key, value] of Object.entries(input)) put(sparsePosition(key, total, 'value'), value)
  } else {
    fail('"value" is neither a list nor an object')
  }
  return values
}

function readStatuses(input: unknown, total: number): (string | null)[] {
  const statuses = new Array<string | null>(total).fill(null)
  if (input === undefined || input === null) return statuses
  if (typeof input === 'string') return statuses.fill(input)
  if (Array.isArray(input)) {
    // A list of one applies to every cell (JSON-stat 2.0).
    if (input.length === 1 && total !== 1) return statuses.fill(typeof input[0] === 'string' ? input[0] : null)
    input.forEach((s, position) => {
      if (position < total && typeof s === 'string') statuses[position] = s
    })
    return statuses
  }
  if (isObject(input)) {
    for (const [key, s] of Object.entries(input)) if (typeof s === 'string') statuses[sparsePosition(key, total, 'status')] = s
    return statuses
  }
  return statuses
}

function sparsePosition(key: string, total: number, what: string): number {
  const position = Number(key)
  if (!/^\d+$/.test(key) || position >= total) fail(`"${what}" has position "${key}" outside 0–${total - 1}`)
  return position
}

function readRoles(input: unknown): JsonStatTable['roles'] {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
  return isObject(input) ? { time: list(input.time), geo: list(input.geo), metric: list(input.metric) } : { time: [], geo: [], metric: [] }
}
