import { z } from 'zod'
import { AgreementFile } from '../../../shared/agreements.ts'

// The published JSON Schema of the agreement file format, made from the same zod schema the
// import validates with, so the two cannot disagree. Written to docs/ by `npm run agreement:schema`.

export const AGREEMENT_SCHEMA_FILE = 'docs/agreement-format.schema.json'

export function agreementJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(AgreementFile, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://indsats.local/schemas/agreement-format-1.json',
    title: 'Indsats: delaftale (formatVersion 1)',
    description: 'En delaftale under en boligsocial helhedsplan. Dokumentation: docs/agreement-format.md.',
  }
}
