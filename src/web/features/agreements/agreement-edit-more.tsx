import { resourceUnitLabels } from '../../../shared/agreement-wording.ts'
import { type Allocation, ResourceUnit, type TimeRecording } from '../../../shared/agreements.ts'
import { CheckboxGroup } from '../../components/ui/checkbox-group.tsx'
import { getIn } from './agreement-draft.ts'
import { AddItemButton, DraftCheckbox, DraftFieldset, DraftNumber, DraftSelect, DraftText, DraftTextarea, ItemControls, fieldIdOf, useDraftForm } from './agreement-form-fields.tsx'

// The parts of an activity and of the agreement that are lists of texts or rules rather than
// numbered items (decision 028): selection criteria and examples, the target-group tables an
// activity shows, how its hours are allocated across effort areas and recorded, and the footnotes.
// Like the rest of the editor, they are checked by the shared schema when saved.

/** A list of texts, each its own field: selection criteria, examples. */
export function TextListEditor({ listPath, itemName, addLabel }: { listPath: string; itemName: string; addLabel: string }) {
  const form = useDraftForm()
  const items = (getIn(form.draft, listPath) as string[] | undefined) ?? []
  return (
    <>
      {items.map((_, i) => (
        <div key={i} className="text-list-item">
          <DraftTextarea path={`${listPath}.${i}`} label={`${itemName} ${i + 1}`} required minRows={2} />
          <ItemControls listPath={listPath} index={i} count={items.length} name={`${itemName.toLowerCase()} ${i + 1}`} />
        </div>
      ))}
      <AddItemButton listPath={listPath} item="" focusField="">
        {addLabel}
      </AddItemButton>
    </>
  )
}

/** Which of the agreement's target-group tables are shown under the activity. */
export function SnapshotChoice({ path }: { path: string }) {
  const form = useDraftForm()
  const snapshots = form.draft.content.targetGroupSnapshots
  if (snapshots.length === 0) return null
  const values = (getIn(form.draft, path) as string[] | undefined) ?? []
  return (
    <CheckboxGroup
      id={fieldIdOf(path)}
      legend="Målgruppeopgørelser, der vises under aktiviteten"
      error={form.errors[path]}
      options={snapshots.map((s) => ({ value: s.key, label: s.title.trim() || s.key }))}
      values={values}
      onChange={(next) => form.setValue(path, next)}
    />
  )
}

/** How the activity's hours are shared across effort areas ("9 timer til Uddannelse og livschancer"). */
export function AllocationsEditor({ listPath, owner }: { listPath: string; owner: string }) {
  const form = useDraftForm()
  const allocations = (getIn(form.draft, listPath) as Allocation[] | undefined) ?? []
  return (
    <>
      {allocations.map((allocation, i) => {
        const base = `${listPath}.${i}`
        const name = `Fordeling ${i + 1}${allocation.effortArea ? `: ${allocation.effortArea}` : ''} (${owner})`
        return (
          <DraftFieldset key={i} path={base} legend={name}>
            <ItemControls listPath={listPath} index={i} count={allocations.length} name={name} />
            <DraftText path={`${base}.effortArea`} label="Indsatsområde (nøgle)" required width="input-width-l" hint="Indsatsområdets nøgle, fx beskaeftigelse eller uddannelse-og-livschancer." />
            <div className="field-row">
              <DraftNumber path={`${base}.quantity`} label="Mængde" hint="Et tal, 0 eller mere, hvis det er angivet." />
              <DraftSelect
                path={`${base}.resourceUnit`}
                label="Enhed"
                placeholder="Ikke angivet"
                options={ResourceUnit.options.filter((u) => u !== 'unspecified').map((u) => ({ value: u, label: resourceUnitLabels[u] }))}
              />
            </div>
            <DraftTextarea path={`${base}.note`} label="Hvad andelen går til" minRows={2} />
          </DraftFieldset>
        )
      })}
      <AddItemButton listPath={listPath} item={{ effortArea: '' } satisfies Allocation} focusField="effortArea">
        Tilføj fordeling til {owner}
      </AddItemButton>
    </>
  )
}

/** The agreement's rule for recording the activity's hours, when it states one (Varde's ½ hour per conversation). */
export function TimeRecordingEditor({ path, resourceKeys }: { path: string; resourceKeys: string[] }) {
  const form = useDraftForm()
  const rule = getIn(form.draft, path) as TimeRecording | undefined
  const id = `${fieldIdOf(path)}-on`
  return (
    <>
      <div className="form-group form-group-checkbox">
        <input
          id={id}
          type="checkbox"
          className="form-checkbox"
          checked={rule !== undefined}
          onChange={(e) => {
            if (e.target.checked) form.setValue(path, { hoursFromConversations: false, quarterlyClose: false, text: '' } satisfies TimeRecording)
            else {
              form.setNumber(`${path}.adminHoursPerConversation`, undefined)
              form.setValue(path, undefined)
            }
          }}
        />
        <label htmlFor={id}>Delaftalen siger, hvordan aktivitetens timer registreres</label>
      </div>
      {rule && (
        <DraftFieldset path={path} legend="Registrering af timer">
          <DraftTextarea path={`${path}.text`} label="Reglen, som den står i delaftalen" required minRows={2} />
          <DraftSelect path={`${path}.resourceKey`} label="Ressourcen, timerne tæller mod" placeholder="Ingen bestemt ressource" options={resourceKeys.map((k) => ({ value: k, label: k }))} />
          <DraftCheckbox path={`${path}.hoursFromConversations`} label="Timer regnes også ud fra samtalekalenderen (samtale, transport og administration)" />
          <DraftNumber path={`${path}.adminHoursPerConversation`} label="Administrativ tid pr. samtale (timer)" hint="Fx 0,5 for en halv time. Fra 0 til 8." />
          <DraftCheckbox path={`${path}.quarterlyClose`} label="Én medarbejder opgør det samlede antal timer hvert kvartal" />
        </DraftFieldset>
      )}
    </>
  )
}

/** The agreement's footnotes; a text refers to one as [^n]. A new footnote gets the next free mark. */
export function FootnotesEditor() {
  const form = useDraftForm()
  const footnotes = form.draft.content.footnotes
  const next = footnotes.reduce((max, f) => Math.max(max, f.mark), 0) + 1
  return (
    <>
      {footnotes.map((f, i) => (
        <div key={i} className="text-list-item">
          <DraftTextarea path={`content.footnotes.${i}.text`} label={`Fodnote ${f.mark}`} required minRows={2} hint={`En tekst henviser til den med [^${f.mark}].`} />
          <ItemControls listPath="content.footnotes" index={i} count={footnotes.length} name={`fodnote ${f.mark}`} />
        </div>
      ))}
      <AddItemButton listPath="content.footnotes" item={{ mark: next, text: '' }} focusField="text">
        Tilføj fodnote
      </AddItemButton>
    </>
  )
}
