/** A column heading; a class where the column needs one (alignment, width). */
export type Column = string | { label: string; className: string }

/** A table's header row of column headings, each `scope="col"` so screen readers announce it with every cell. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) =>
          typeof column === 'string' ? (
            <th key={column} scope="col">
              {column}
            </th>
          ) : (
            <th key={column.label} scope="col" className={column.className}>
              {column.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  )
}
