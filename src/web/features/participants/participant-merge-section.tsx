import { useState } from 'react'
import type { Participant } from '../../../shared/participants.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import type { Checked } from '../../lib/form-errors.ts'
import { useForm } from '../../lib/use-form.ts'
import { mergeParticipant } from './participants.api.ts'

// Merging a resident registered twice into this one (decision 025): the project leader names the
// duplicate by its id, confirms, and everything about it moves here.

export function MergeSection({ participant: p, onMerged }: { participant: Participant; onMerged: () => void }) {
  const [duplicate, setDuplicate] = useState('')
  const [asking, setAsking] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const form = useForm({ fieldIds: { duplicate: 'merge-duplicate' }, focusField: true })

  const ask = form.handle(
    (): Checked<string> => {
      const id = duplicate.trim().toUpperCase()
      if (!id) return { errors: { duplicate: 'Skriv id’et på den deltager, der skal lægges sammen med denne.' } }
      if (id === p.pseudonym) return { errors: { duplicate: 'Skriv id’et på den anden deltager, ikke på denne.' } }
      return { body: id }
    },
    async (id) => {
      setDone(null)
      setAsking(id)
    },
  )

  const merge = () =>
    form.submit(
      (): Checked<string> => (asking ? { body: asking } : { errors: {} }),
      async (id) => {
        // The dialog closes either way, so a refusal is read on the page, not behind the dialog.
        const merged = await mergeParticipant(p.planId, p.id, id).finally(() => setAsking(null))
        setDuplicate('')
        setDone(`${merged.mergedPseudonym} er lagt sammen med ${p.pseudonym}`)
        onMerged()
      },
    )

  return (
    <section aria-labelledby="laeg-sammen" className="resident-section">
      <h2 id="laeg-sammen">Læg en dublet sammen med denne deltager</h2>
      <p>
        Er beboeren registreret to gange, kan du lægge den anden registrering sammen med denne. Samtykker, forløb med fremmøde og statusopfølgninger, noter,
        henvendelser, tider og samtaler flyttes hertil. Oplysninger, der mangler her, hentes fra dubletten. Dubletten findes derefter ikke længere, men
        sammenlægningen står i loggen.
      </p>
      {done && <Alert variant="success" heading={done} headingLevel={3} focusOnMount />}
      {form.failure && (
        <Alert key={form.failure.seq} variant="error" heading="Deltagerne blev ikke lagt sammen" headingLevel={3} focusOnMount>
          <p>{form.failure.message}</p>
        </Alert>
      )}
      <form onSubmit={ask} noValidate aria-label="Læg en dublet sammen med denne deltager">
        <TextField
          id="merge-duplicate"
          label="Dublettens id"
          hint="Fx D-0007. Id’et står øverst på dublettens side."
          autoComplete="off"
          spellCheck={false}
          width="input-width-s"
          value={duplicate}
          onChange={(e) => setDuplicate(e.target.value)}
          error={form.errors.duplicate}
        />
        <button type="submit" className="button button-secondary mt-5" disabled={form.busy}>
          Læg sammen …
        </button>
      </form>
      <ConfirmDialog
        open={asking !== null}
        title={`Læg ${asking ?? ''} sammen med ${p.pseudonym}?`}
        confirmLabel={`Læg ${asking ?? ''} sammen med ${p.pseudonym}`}
        destructive
        busy={form.busy}
        onConfirm={() => void merge()}
        onCancel={() => setAsking(null)}
      >
        <p>
          Alt om {asking} flyttes til {p.pseudonym}, og {asking} findes derefter ikke længere. Det kan ikke fortrydes her.
        </p>
      </ConfirmDialog>
    </section>
  )
}
