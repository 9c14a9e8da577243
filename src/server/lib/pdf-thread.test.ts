import { describe, expect, it } from 'vitest'
import { agreementDocumentModel } from '../features/agreements/agreement-document.ts'
import { readSeedAgreement } from '../features/agreements/seed-files.ts'
import { renderAgreementPdf } from '../features/agreements/agreement-pdf.ts'
import { AppError } from './errors.ts'
import { renderPdfInThread } from './pdf-thread.ts'

const model = () =>
  agreementDocumentModel(readSeedAgreement('soenderborg-beskaeftigelse').file, { effortAreaName: 'Beskæftigelse', revisionNumber: 1, generatedAt: new Date('2026-01-05T10:00:00Z') })

/** The PDF's text stream differs only in its ID and dates; its size and page count are the document. */
const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length

describe('drawing a PDF in a thread with a budget', () => {
  it('gives the same document as drawing it in the server itself', async () => {
    const [inThread, direct] = await Promise.all([renderPdfInThread('agreement', model()), renderAgreementPdf(model())])
    expect(inThread.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pages(inThread)).toBe(pages(direct))
    expect(pages(inThread)).toBeGreaterThan(5)
    expect(Math.abs(inThread.length - direct.length)).toBeLessThan(200)
  })

  it('stops a document that takes longer than its time and says so in Danish', async () => {
    const error = await renderPdfInThread('agreement', model(), { timeoutMs: 50, memoryMb: 512 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('document_too_large')
    expect((error as AppError).message).toMatch(/for stort til at blive lavet som PDF.*Word/)
  })

  it('stops a document that needs more memory than its budget, and the next one is drawn', async () => {
    // 4 000 paragraphs of 2 000 characters (8 MB of text) in a 24 MB heap.
    const huge = { ...model(), sections: Array.from({ length: 400 }, (_, i) => ({ heading: `Afsnit ${i}`, level: 1, id: `a${i}`, blocks: Array.from({ length: 10 }, () => ({ kind: 'paragraph', text: 'Tekst '.repeat(330) })) })) }
    const error = await renderPdfInThread('agreement', huge, { timeoutMs: 60_000, memoryMb: 24 }).catch((e: unknown) => e)
    expect((error as AppError).code).toBe('document_too_large')
    expect(pages(await renderPdfInThread('agreement', model()))).toBeGreaterThan(5)
  })
})
