// The effort areas typed one per line on the funding-period form, with the code an agreement file
// names them by: the name in lower case, Danish letters spelled out (æ → ae, ø → oe, å → aa), other
// characters as hyphens — the way the codes of the first period were made ("Sammenhængskraft og
// medborgerskab" → sammenhaengskraft-og-medborgerskab).

export function effortAreaCode(name: string): string {
  return name
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'oe')
    .replaceAll('å', 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
}

export function effortAreasFromLines(text: string): { code: string; name: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((name) => ({ code: effortAreaCode(name), name }))
}
