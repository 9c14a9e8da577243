import { describe, expect, it } from 'vitest'
import { breakLongWords, breakLongWordsInText, PDF_LONGEST_WORD } from './pdf.ts'

const ZWSP = '\u200b'

describe('long words before a PDF is laid out', () => {
  it('puts a zero-width break after every 40 characters of a longer word, and changes nothing else', () => {
    expect(PDF_LONGEST_WORD).toBe(40)
    const word = 'A'.repeat(100)
    expect(breakLongWordsInText(`Bestyrelsen ${word} besluttede`)).toBe(`Bestyrelsen ${'A'.repeat(40)}${ZWSP}${'A'.repeat(40)}${ZWSP}${'A'.repeat(20)} besluttede`)
    expect(breakLongWordsInText('A'.repeat(40))).toBe('A'.repeat(40))
    const sentence = 'Et almindeligt afsnit med beskæftigelsesindsatsforløbsbeskrivelser og korte ord.'
    expect(breakLongWordsInText(sentence)).toBe(sentence)
  })

  it('breaks a 40 000-character word into 1 000 pieces with the same letters', () => {
    const broken = breakLongWordsInText('Æ'.repeat(40_000))
    expect(broken.split(ZWSP)).toHaveLength(1000)
    expect(broken.replaceAll(ZWSP, '')).toBe('Æ'.repeat(40_000))
  })

  it('breaks texts, list items and table cells, but not style names, ids or SVG, and breaks what a header function returns', () => {
    const long = 'x'.repeat(50)
    const broken = breakLongWords({
      content: [long, { text: [long, { text: long, style: 'h1' }] }, { table: { widths: ['*', 'auto'], body: [[long]] } }, { svg: `<svg>${long}</svg>`, id: long }],
      header: () => ({ text: long }),
    }) as { content: unknown[]; header: () => { text: string } }
    const b = `${'x'.repeat(40)}${ZWSP}${'x'.repeat(10)}`
    expect(broken.content).toEqual([b, { text: [b, { text: b, style: 'h1' }] }, { table: { widths: ['*', 'auto'], body: [[b]] } }, { svg: `<svg>${long}</svg>`, id: long }])
    expect(broken.header().text).toBe(b)
  })
})
