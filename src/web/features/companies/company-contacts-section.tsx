import { useState } from 'react'
import { type ContactPerson, ContactPersonInput } from '../../../shared/companies.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { messageOf } from '../../lib/api.ts'
import { checked } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { addContact, readContacts, removeContact, updateContact } from './companies.api.ts'

// The people at a company: personal data of company staff (every read is logged). They are added,
// corrected and removed here; removing one deletes the name, phone and e-mail for good (decision 031).

type F = 'name' | 'jobTitle' | 'phone' | 'email'
const EMPTY: Record<F, string> = { name: '', jobTitle: '', phone: '', email: '' }

export function ContactsSection({ planId, companyId, canAdd, canChange, canRemove }: { planId: string; companyId: string; canAdd: boolean; canChange: boolean; canRemove: boolean }) {
  const contacts = useResource((signal) => readContacts(planId, companyId, signal), [planId, companyId])
  /** null: no form open; 'new': adding; otherwise the contact being corrected. */
  const [editing, setEditing] = useState<null | 'new' | ContactPerson>(null)
  const [removing, setRemoving] = useState<ContactPerson | null>(null)
  const [removed, setRemoved] = useState<{ text: string; seq: number } | null>(null)
  const form = useForm<F, { text: string }>({ fieldIds: { name: 'contact-name', jobTitle: 'contact-title', phone: 'contact-phone', email: 'contact-email' } })
  const { values, field, setValues } = useFormValues(form, EMPTY)
  const submit = form.handle(
    () => checked(ContactPersonInput, values),
    async (body) => {
      if (editing !== null && editing !== 'new') await updateContact(planId, companyId, editing.id, body)
      else await addContact(planId, companyId, body)
      const text = editing !== null && editing !== 'new' ? `Oplysningerne om ${body.name} er rettet.` : `${body.name} er tilføjet.`
      setValues(EMPTY)
      setEditing(null)
      setRemoved(null)
      contacts.reload()
      return { text }
    },
  )
  const removal = useForm({ fieldIds: {} })
  const remove = () =>
    removal.submit(
      () => ({ body: null }),
      async () => {
        if (!removing) return
        await removeContact(planId, companyId, removing.id)
        setRemoved({ text: `${removing.name} er fjernet. Navn, telefon og e-mail er slettet.`, seq: Date.now() })
        setRemoving(null)
        contacts.reload()
      },
    )
  const open = (target: 'new' | ContactPerson) => {
    setRemoved(null)
    setValues(target === 'new' ? EMPTY : { name: target.name, jobTitle: target.jobTitle ?? '', phone: target.phone ?? '', email: target.email ?? '' })
    setEditing(target)
  }
  const correcting = editing !== null && editing !== 'new' ? editing : null
  return (
    <section aria-labelledby="company-contacts" className="mt-8">
      <h2 id="company-contacts">Kontaktpersoner</h2>
      {form.done && !removed && (
        <Alert key={form.done.seq} variant="success" heading="Kontaktpersonen er gemt" headingLevel={3} focusOnMount>
          <p>{form.done.text}</p>
        </Alert>
      )}
      {removed && (
        <Alert key={removed.seq} variant="success" heading="Kontaktpersonen er fjernet" headingLevel={3} focusOnMount>
          <p>{removed.text}</p>
        </Alert>
      )}
      {contacts.status === 'loading' ? (
        <Spinner label="Henter kontaktpersonerne …" />
      ) : contacts.status === 'failed' ? (
        <LoadError message={messageOf(contacts.error)} onRetry={contacts.reload} heading="Kontaktpersonerne kunne ikke hentes" />
      ) : contacts.data.contacts.length === 0 ? (
        <p>Der er ingen kontaktpersoner endnu.</p>
      ) : (
        <TableScroller label="Kontaktpersoner">
          <table className="table table--zebra">
            <caption className="sr-only">Kontaktpersoner</caption>
            <TableHead columns={['Navn', 'Stilling', 'Telefon', 'E-mail', ...(canChange || canRemove ? ['Handlinger'] : [])]} />
            <tbody>
              {contacts.data.contacts.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>{p.jobTitle ?? ''}</td>
                  <td className="text-nowrap">{p.phone ?? ''}</td>
                  <td>{p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : ''}</td>
                  {(canChange || canRemove) && (
                    <td className="text-nowrap">
                      {canChange && (
                        <button type="button" className="function-link mr-4" onClick={() => open(p)}>
                          Ret<span className="sr-only"> {p.name}</span>
                        </button>
                      )}
                      {canRemove && (
                        <button type="button" className="function-link" onClick={() => setRemoving(p)}>
                          Fjern<span className="sr-only"> {p.name}</span>
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      {editing !== null ? (
        <form onSubmit={submit} noValidate aria-labelledby="contact-form-heading" className="mt-5">
          <h3 id="contact-form-heading">{correcting ? `Ret ${correcting.name}` : 'Tilføj kontaktperson'}</h3>
          <FormProblems form={form} heading="Kontaktpersonen blev ikke gemt" headingLevel={4} />
          <TextField {...field('name')} label="Navn" autoComplete="off" />
          <TextField {...field('jobTitle')} label="Stilling (valgfri)" autoComplete="off" />
          <TextField {...field('phone')} label="Telefon (valgfri)" width="input-width-s" type="tel" autoComplete="off" />
          <TextField {...field('email')} label="E-mail (valgfri)" type="email" autoComplete="off" />
          <div className="button-row d-flex">
            <button type="submit" className="button button-primary" disabled={form.busy}>
              {correcting ? 'Gem rettelsen' : 'Gem kontaktperson'}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setEditing(null)}>
              Annullér
            </button>
          </div>
        </form>
      ) : (
        canAdd && (
          <button type="button" className="button button-secondary" onClick={() => open('new')}>
            Tilføj kontaktperson
          </button>
        )
      )}
      <ConfirmDialog
        open={removing !== null}
        title={`Fjern ${removing?.name ?? ''}?`}
        confirmLabel="Fjern kontaktpersonen"
        destructive
        busy={removal.busy}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      >
        <p>Navn, stilling, telefon og e-mail slettes helt. Loggen viser kun, at en kontaktperson blev fjernet, og af hvem.</p>
        {removal.failure && <p className="form-error-message">{removal.failure.message}</p>}
      </ConfirmDialog>
    </section>
  )
}
