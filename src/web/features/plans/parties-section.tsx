import { useState } from 'react'
import { PARTY_KINDS, type PlanParty, PlanPartyUpdate, type PartyKind, partyKindLabels, partyName } from '../../../shared/parties.ts'
import { may } from '../../../shared/permissions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { CheckboxGroup } from '../../components/ui/checkbox-group.tsx'
import { ErrorSummary } from '../../components/ui/error-summary.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableHead } from '../../components/ui/table-head.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { messageOf } from '../../lib/api.ts'
import { checked } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { addPlanParty, changePlanParty, listPlanParties } from './plans.api.ts'

// The plan's parties (decision 012): the organisations, and their units, that the agreements name
// and that handle residents' information. Everyone on the plan sees the list (consents and records
// name them); the project leader adds, renames and archives parties and says which one, if any, is
// the data controller that owns every resident.

const FIELDS = ['name', 'unit', 'kind', 'dataController'] as const
type Field = (typeof FIELDS)[number]

export function PartiesSection({ planId }: { planId: string }) {
  const user = useCurrentUser()
  const parties = useResource((signal) => listPlanParties(planId, signal), [planId])
  const [editing, setEditing] = useState<PlanParty | 'new' | null>(null)
  const [notice, setNotice] = useState<{ text: string; seq: number } | null>(null)
  const canEdit = may(user.role, 'plan-parties', 'update')

  const saved = (text: string) => {
    setEditing(null)
    setNotice((n) => ({ text, seq: (n?.seq ?? 0) + 1 }))
    parties.reload()
  }

  return (
    <section aria-labelledby="parter">
      <h2 id="parter" className="mt-8">
        Parter
      </h2>
      <p>De organisationer og enheder, som delaftalerne nævner, og som arbejder med beboernes oplysninger. Et samtykke nævner de parter, beboeren vil dele med.</p>
      {notice && <Alert key={notice.seq} variant="success" heading={notice.text} focusOnMount />}
      {parties.status === 'loading' && <Spinner label="Henter parterne …" />}
      {parties.status === 'failed' && <LoadError message={messageOf(parties.error)} onRetry={parties.reload} />}
      {parties.status === 'ready' && (
        <TableScroller label="Parter">
          <table className="table table--zebra">
            <caption className="sr-only">Helhedsplanens parter</caption>
            <TableHead columns={canEdit ? ['Part', 'Slags', 'Dataansvarlig', 'Status', 'Handlinger'] : ['Part', 'Slags', 'Dataansvarlig', 'Status']} />
            <tbody>
              {parties.data.parties.map((party) => (
                <tr key={party.id}>
                  <th scope="row">{partyName(party)}</th>
                  <td>{partyKindLabels[party.kind]}</td>
                  <td>{party.dataController ? 'Ja' : 'Nej'}</td>
                  <td>{party.archived ? 'Arkiveret' : 'Aktiv'}</td>
                  {canEdit && (
                    <td>
                      <button type="button" className="button button-tertiary button-compact" onClick={() => setEditing(party)}>
                        Ret <span className="sr-only">{partyName(party)}</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      {canEdit &&
        (editing ? (
          <PartyForm key={editing === 'new' ? 'new' : editing.id} planId={planId} party={editing === 'new' ? null : editing} onSaved={saved} onCancel={() => setEditing(null)} />
        ) : (
          <button type="button" className="button button-secondary" onClick={() => setEditing('new')}>
            Tilføj part
          </button>
        ))}
    </section>
  )
}

function PartyForm({ planId, party, onSaved, onCancel }: { planId: string; party: PlanParty | null; onSaved: (text: string) => void; onCancel: () => void }) {
  const form = useForm({ fields: FIELDS, fieldId: (field: Field) => (field === 'dataController' ? 'party-dataController-0' : `party-${field}`) })
  const { values, set, field } = useFormValues(form, () => ({ name: party?.name ?? '', unit: party?.unit ?? '', kind: party?.kind ?? '', dataController: party?.dataController ? 'yes' : '' }))
  const [archived, setArchived] = useState(party?.archived ?? false)
  const heading = party ? `Ret ${partyName(party)}` : 'Tilføj part'

  const submit = form.handle(
    () => checked(PlanPartyUpdate, { name: values.name, unit: values.unit, kind: values.kind || undefined, dataController: values.dataController === 'yes', archived }),
    async (body) => {
      if (party) {
        const changed = await changePlanParty(planId, party.id, body)
        onSaved(`${partyName(changed)} er gemt`)
      } else {
        const added = await addPlanParty(planId, { name: body.name, unit: body.unit, kind: body.kind, dataController: body.dataController })
        onSaved(`${partyName(added)} er tilføjet`)
      }
    },
  )

  return (
    <form onSubmit={submit} noValidate aria-label={heading} className="mt-5">
      <h3>{heading}</h3>
      {form.failure && (
        <Alert key={form.failure.seq} variant="error" heading="Parten blev ikke gemt" headingLevel={4} focusOnMount>
          <p>{form.failure.message}</p>
        </Alert>
      )}
      <ErrorSummary errors={form.summary} headingLevel={4} />
      <TextField {...field('name')} label="Navn" hint="Organisationen, som beboeren kender den, fx Jobcenter Varde." />
      <TextField {...field('unit')} label="Enhed (kan udelades)" hint="Fx Afdeling Ung eller erhvervsguide." />
      <SelectField
        {...field('kind')}
        label="Slags"
        placeholder="Vælg"
        options={PARTY_KINDS.map((kind: PartyKind) => ({ value: kind, label: partyKindLabels[kind] }))}
      />
      <CheckboxGroup
        id="party-dataController"
        legend="Dataansvar"
        hint="Den dataansvarlige part ejer alle helhedsplanens deltagere, uanset hvem der registrerer dem. Højst én part."
        options={[{ value: 'yes', label: 'Parten er dataansvarlig for helhedsplanens deltagere' }]}
        values={values.dataController ? [values.dataController] : []}
        onChange={(chosen) => set('dataController', chosen.includes('yes') ? 'yes' : '')}
        error={form.errors.dataController}
      />
      {party && (
        <CheckboxGroup
          id="party-archived"
          legend="Arkivering"
          hint="En arkiveret part står stadig på de samtykker og deltagere, der nævner den, men kan ikke vælges til nye."
          options={[{ value: 'yes', label: 'Arkivér parten' }]}
          values={archived ? ['yes'] : []}
          onChange={(chosen) => setArchived(chosen.includes('yes'))}
        />
      )}
      <div className="button-row d-flex mt-5">
        <button type="submit" className="button button-primary" disabled={form.busy}>
          {party ? 'Gem parten' : 'Tilføj parten'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={form.busy}>
          Annullér
        </button>
      </div>
    </form>
  )
}
