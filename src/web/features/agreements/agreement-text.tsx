import { Fragment } from 'react'
import { parseTextBlocks, splitFootnotes } from '../../../shared/lib/text-blocks.ts'

// Long agreement texts as the document shows them: paragraphs, bullet and numbered lists,
// sub-headings and footnote marks (the convention in src/shared/lib/text-blocks.ts).

export const footnoteId = (mark: number) => `fodnote-${mark}`

/** A line of text whose "[^n]" marks become superscript links to the footnotes. */
export function InlineText({ text }: { text: string }) {
  return (
    <>
      {splitFootnotes(text).map((part, i) =>
        part.kind === 'text' ? (
          <Fragment key={i}>{part.text}</Fragment>
        ) : (
          <sup key={i} className="footnote-ref">
            <a href={`#${footnoteId(part.mark)}`}>
              <span className="sr-only">fodnote </span>
              {part.mark}
            </a>
          </sup>
        ),
      )}
    </>
  )
}

export interface TextBlocksProps {
  text: string | undefined
  /**
   * The level of "## " sub-headings: one below the heading the text stands under, so the page's
   * outline stays in order. Null renders them as bold paragraphs (inside a list, say).
   */
  headingLevel: 3 | 4 | 5 | null
}

export function TextBlocks({ text, headingLevel }: TextBlocksProps) {
  const blocks = parseTextBlocks(text)
  if (blocks.length === 0) return null
  const Heading = headingLevel ? (`h${headingLevel}` as const) : null
  return (
    <div className="text-blocks">
      {blocks.map((block, i) => {
        switch (block.kind) {
          case 'paragraph':
            return (
              <p key={i}>
                <InlineText text={block.text} />
              </p>
            )
          case 'heading':
            return Heading ? (
              <Heading key={i} className="text-blocks-heading">
                <InlineText text={block.text} />
              </Heading>
            ) : (
              <p key={i} className="weight-semibold">
                <InlineText text={block.text} />
              </p>
            )
          case 'bullets':
          case 'numbered': {
            const List = block.kind === 'bullets' ? 'ul' : 'ol'
            return (
              <List key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>
                    <InlineText text={item} />
                  </li>
                ))}
              </List>
            )
          }
        }
      })}
    </div>
  )
}
