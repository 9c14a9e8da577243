import { parentPort } from 'node:worker_threads'

// The thread a PDF is drawn in (lib/pdf-thread.ts): whatever the document's texts make pdfmake do,
// it does it here, under this thread's memory limit, while the server goes on answering.

// One thread draws one PDF at a time and is kept for the next (lib/thread.ts, `reuse`): each
// message is a document to draw, answered with one message.

async function render(kind: string, model: unknown): Promise<Buffer> {
  switch (kind) {
    case 'agreement': {
      const { renderAgreementPdf } = await import('./features/agreements/agreement-pdf.ts')
      return renderAgreementPdf(model as Parameters<typeof renderAgreementPdf>[0])
    }
    case 'status-report': {
      const { renderStatusReportPdf } = await import('./features/reports/status-report-pdf.ts')
      return renderStatusReportPdf(model as Parameters<typeof renderStatusReportPdf>[0])
    }
    case 'participant-export': {
      const { renderParticipantExportPdf } = await import('./features/participants/participant-export-pdf.ts')
      return renderParticipantExportPdf(model as Parameters<typeof renderParticipantExportPdf>[0])
    }
    default:
      throw new Error(`unknown PDF kind ${kind}`)
  }
}

parentPort!.on('message', ({ kind, model }: { kind: string; model: unknown }) => {
  render(kind, model).then(
    (pdf) => parentPort!.postMessage({ ok: true, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) }),
    (error: unknown) => parentPort!.postMessage({ ok: false, unexpected: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  )
})
