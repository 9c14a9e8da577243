import type { Activity, BaselineTime, Goal, Indicator, IndicatorRow, Schedule, StaffResource, Target, TargetGroupRow, TargetGroupSnapshot } from '../../../shared/agreements.ts'
import { Frequency, ResourceUnit, Weekday, frequencyLabels, weekdayLabels } from '../../../shared/agreements.ts'
import { resourceUnitLabels } from '../../../shared/agreement-wording.ts'
import { CheckboxGroup } from '../../components/ui/checkbox-group.tsx'
import { SelectField } from '../../components/ui/select-field.tsx'
import { freshKey, getIn, switchBaselineKind } from './agreement-draft.ts'
import { monthOptions } from './agreement-format.ts'
import { AllocationsEditor, SnapshotChoice, TextListEditor, TimeRecordingEditor } from './agreement-edit-more.tsx'
import {
  AddItemButton,
  DraftCheckbox,
  DraftFieldset,
  DraftKey,
  DraftNumber,
  DraftSelect,
  DraftText,
  DraftTextarea,
  ItemControls,
  KEY_MAX,
  fieldIdOf,
  useDraftForm,
} from './agreement-form-fields.tsx'

// The lists of the edit form: goals with their indicators, rows and targets; activities with their
// targets, resources and schedules; the agreement's staff and municipal resources; target-group
// tables and their rows. Each item can be added, moved and removed; everything is checked by the
// same shared schema (and warned about by the same checks) as an imported file.

const SHARE_HINT = 'Procent, fra 0 til 100, fx 19,14.'
const COUNT_HINT = 'Et tal, 0 eller mere; decimaler er tilladt.'
const SHORT_KEY_HINT = `Små bogstaver a-z, tal og bindestreg, højst ${KEY_MAX} tegn.`

/** Every key of the kind in the whole agreement, so a new one is unique where the schema needs it. */
function useAllKeys(): { indicators: string[]; resources: string[] } {
  const { draft } = useDraftForm()
  const c = draft.content
  return {
    indicators: c.goals.flatMap((g) => g.indicators.map((i) => i.key)),
    resources: [...c.staffResources, ...c.municipalResources, ...c.activities.flatMap((a) => a.resources)].map((r) => r.key),
  }
}

export function newIndicator(key: string): Indicator {
  return { key, name: '', rows: [newRow('raekke-1')], baselineTime: { kind: 'year', year: new Date().getFullYear() }, targets: [] }
}
function newRow(key: string): IndicatorRow {
  return { key, baseline: {} as IndicatorRow['baseline'] }
}
function newTarget(key: string): Omit<Target, 'value'> {
  return { key, description: '', unit: '' }
}
function newResource(key: string): StaffResource {
  return { key, organisation: '', resourceUnit: 'unspecified', atLeast: false, text: '' }
}

export function GoalsEditor() {
  const form = useDraftForm()
  const goals = form.draft.content.goals
  const keys = useAllKeys()
  return (
    <>
      {goals.map((goal, gi) => (
        <DraftFieldset key={gi} path={`content.goals.${gi}`} legend={`Delmål ${gi + 1}`} headingLevel={3} className="goal-fieldset">
          <ItemControls listPath="content.goals" index={gi} count={goals.length} name={`delmål ${gi + 1}`} />
          <DraftTextarea path={`content.goals.${gi}.text`} label="Delmål" required minRows={2} />
          <DraftKey path={`content.goals.${gi}.key`} />
          {goal.indicators.map((_, ii) => (
            <IndicatorFields key={ii} goal={goal} gi={gi} ii={ii} />
          ))}
          <AddItemButton
            listPath={`content.goals.${gi}.indicators`}
            item={newIndicator(freshKey(keys.indicators, `indikator-${gi + 1}-${goal.indicators.length + 1}`))}
            focusField="name"
          >
            Tilføj indikator til delmål {gi + 1}
          </AddItemButton>
        </DraftFieldset>
      ))}
      <AddItemButton
        listPath="content.goals"
        item={{ key: freshKey(goals.map((g) => g.key), `delmaal-${goals.length + 1}`), text: '', indicators: [] } satisfies Goal}
        focusField="text"
      >
        Tilføj delmål
      </AddItemButton>
    </>
  )
}

function IndicatorFields({ goal, gi, ii }: { goal: Goal; gi: number; ii: number }) {
  const base = `content.goals.${gi}.indicators.${ii}`
  const number = `${gi + 1}.${ii + 1}`
  return (
    <DraftFieldset path={base} legend={`Indikator ${number}`} headingLevel={4} className="indicator-fieldset">
      <ItemControls listPath={`content.goals.${gi}.indicators`} index={ii} count={goal.indicators.length} name={`indikator ${number}`} />
      <DraftTextarea path={`${base}.name`} label="Indikator" required minRows={2} />
      <DraftKey path={`${base}.key`} />
      <DraftTextarea path={`${base}.definition`} label="Definition" hint="For en andel: hvad der tælles, og hvad det er en andel af." />
      <div className="field-row">
        <DraftText path={`${base}.numerator`} label="Tæller" width="input-width-l" />
        <DraftText path={`${base}.denominator`} label="Nævner" width="input-width-l" />
      </div>
      <div className="field-row">
        <DraftText path={`${base}.dataSource`} label="Datakilde" width="input-width-l" />
        <DraftSelect
          path={`${base}.frequency`}
          label="Hyppighed"
          placeholder="Ikke angivet"
          options={Frequency.options.map((f) => ({ value: f, label: frequencyLabels[f] }))}
        />
        <DraftText path={`${base}.responsible`} label="Ansvarlig" hint="En rolle, fx Projektleder." width="input-width-m" />
      </div>
      <DraftTextarea path={`${base}.note`} label="Bemærkning til indikatoren" hint="Vises som fodnote til indikatoren." minRows={2} />
      <BaselineTimeFields base={`${base}.baselineTime`} />
      <IndicatorRows base={base} number={number} />
      <TargetsEditor listPath={`${base}.targets`} owner={`indikator ${number}`} />
    </DraftFieldset>
  )
}

function BaselineTimeFields({ base }: { base: string }) {
  const form = useDraftForm()
  const time = getIn(form.draft, base) as BaselineTime
  function changeKind(kind: BaselineTime['kind']) {
    const next = switchBaselineKind(time, kind, form.numbers[`${base}.year`])
    form.setValue(base, next)
    if (next.kind !== 'date') form.setNumber(`${base}.year`, String(next.year))
  }
  return (
    <DraftFieldset path={base} legend="Baseline år" className="baseline-time">
      <div className="field-row">
        <SelectField
          id={fieldIdOf(`${base}.kind`)}
          label="Angivet som"
          options={[
            { value: 'year', label: 'Et år' },
            { value: 'month', label: 'En måned' },
            { value: 'date', label: 'En dato' },
          ]}
          value={time.kind}
          onChange={(e) => changeKind(e.target.value as BaselineTime['kind'])}
        />
        {time.kind !== 'date' && <DraftNumber path={`${base}.year`} label="År" required integer hint="Fire cifre, 1990-2100." />}
        {time.kind === 'month' && <DraftSelect path={`${base}.month`} label="Måned" required options={monthOptions} numeric />}
        {time.kind === 'date' && <DraftText path={`${base}.date`} label="Dato" type="date" required />}
      </div>
      {time.kind === 'month' && <DraftText path={`${base}.label`} label="Som kilden skriver det" hint="Fx Udgang februar 2021. Vises i stedet for måned og år." width="input-width-l" />}
    </DraftFieldset>
  )
}

function IndicatorRows({ base, number }: { base: string; number: string }) {
  const form = useDraftForm()
  const rows = (getIn(form.draft, `${base}.rows`) as IndicatorRow[] | undefined) ?? []
  return (
    <>
      {rows.map((row, ri) => {
        const path = `${base}.rows.${ri}`
        return (
          <DraftFieldset key={ri} path={path} legend={rows.length > 1 ? `Række ${ri + 1}${row.label ? `: ${row.label}` : ''}` : 'Baseline'} className="row-fieldset">
            <ItemControls listPath={`${base}.rows`} index={ri} count={rows.length} name={`række ${ri + 1} i indikator ${number}`} removable={rows.length > 1} />
            <div className="field-row">
              <DraftText path={`${path}.label`} label="Rækkens betegnelse" hint="Fx 18-29 år. Tom, hvis indikatoren kun har én række." width="input-width-l" />
              <DraftKey path={`${path}.key`} hint={SHORT_KEY_HINT} />
            </div>
            <div className="field-row">
              <DraftNumber path={`${path}.baseline.share`} label="Baseline boligområde: andel (%)" hint={SHARE_HINT} />
              <DraftNumber path={`${path}.baseline.count`} label="Baseline boligområde: antal" hint={COUNT_HINT} />
            </div>
            <div className="field-row">
              <DraftNumber path={`${path}.comparison.share`} label="Anden baseline (kommune): andel (%)" hint={SHARE_HINT} />
              <DraftNumber path={`${path}.comparison.count`} label="Anden baseline (kommune): antal" hint={COUNT_HINT} />
            </div>
          </DraftFieldset>
        )
      })}
      <AddItemButton listPath={`${base}.rows`} item={newRow(freshKey(rows.map((r) => r.key), `raekke-${rows.length + 1}`))} focusField="label">
        Tilføj række til indikator {number}
      </AddItemButton>
    </>
  )
}

/** The targets (måltal) of an indicator or an activity. */
export function TargetsEditor({ listPath, owner }: { listPath: string; owner: string }) {
  const form = useDraftForm()
  const targets = (getIn(form.draft, listPath) as Target[] | undefined) ?? []
  return (
    <div className="targets-editor">
      {targets.length === 0 && <p className="form-hint">Ingen måltal for {owner}.</p>}
      {targets.map((_, ti) => {
        const path = `${listPath}.${ti}`
        return (
          <DraftFieldset key={ti} path={path} legend={`Måltal ${ti + 1}`} className="row-fieldset">
            <ItemControls listPath={listPath} index={ti} count={targets.length} name={`måltal ${ti + 1} for ${owner}`} />
            <DraftText path={`${path}.description`} label="Hvad der sigtes mod" required hint="Med delaftalens ord, fx Andel i job eller uddannelse." />
            <div className="field-row">
              <DraftNumber path={`${path}.value`} label="Måltal" required hint="Fx 85 eller 12,5." />
              <DraftNumber path={`${path}.valueMax`} label="Øvre grænse" hint="Kun ved et interval som 1-2 hold." />
              <DraftText path={`${path}.unit`} label="Enhed" required hint="Fx %, beboere, hold." width="input-width-s" />
            </div>
            <div className="field-row">
              <DraftText path={`${path}.qualifier`} label="Forbehold" hint="Fx op til, mindst, ca." width="input-width-s" />
              <DraftText path={`${path}.horizon`} label="Tidshorisont" hint="Fx pr. år, over en årrække." width="input-width-m" />
              <DraftSelect
                path={`${path}.direction`}
                label="Retning"
                placeholder="Ikke angivet"
                options={[
                  { value: 'up', label: 'Højere er bedre' },
                  { value: 'down', label: 'Lavere er bedre' },
                ]}
              />
              <DraftKey path={`${path}.key`} hint={SHORT_KEY_HINT} />
            </div>
          </DraftFieldset>
        )
      })}
      <AddItemButton listPath={listPath} item={newTarget(freshKey(targets.map((t) => t.key), `maaltal-${targets.length + 1}`))} focusField="description">
        Tilføj måltal til {owner}
      </AddItemButton>
    </div>
  )
}

export function ActivitiesEditor() {
  const form = useDraftForm()
  const { activities, goals } = form.draft.content
  const resourceKeys = useAllKeys().resources
  return (
    <>
      {activities.map((activity, ai) => {
        const base = `content.activities.${ai}`
        const name = `Aktivitet ${ai + 1}${activity.name.trim() ? `: ${activity.name}` : ''}`
        return (
          <DraftFieldset key={ai} path={base} legend={name} headingLevel={3}>
            <ItemControls listPath="content.activities" index={ai} count={activities.length} name={`aktivitet ${ai + 1}`} />
            <DraftText path={`${base}.name`} label="Aktivitetsnavn" required />
            <DraftKey path={`${base}.key`} />
            <CheckboxGroup
              id={fieldIdOf(`${base}.goalKeys`)}
              legend="Delmål, aktiviteten skal bidrage til"
              error={form.errors[`${base}.goalKeys`]}
              options={goals.map((g, gi) => ({ value: g.key, label: `Delmål ${gi + 1}: ${g.text.trim() || '(uden tekst)'}` }))}
              values={activity.goalKeys}
              onChange={(values) => form.setValue(`${base}.goalKeys`, values)}
            />
            <DraftTextarea path={`${base}.summary`} label="Kort beskrivelse" hint="Vises i delaftalens liste over aktiviteter." />
            <DraftTextarea path={`${base}.purpose`} label="Formål" />
            <DraftTextarea path={`${base}.activityGoals`} label="Delmål" />
            <DraftTextarea path={`${base}.targetGroups`} label="Målgruppe(r)" />
            <DraftTextarea path={`${base}.content`} label="Indhold og praksis" />
            <DraftTextarea path={`${base}.responsibilities`} label="Ansvars- og rollefordeling" />
            <DraftTextarea path={`${base}.sourceReference`} label="Kilde" />
            <SnapshotChoice path={`${base}.snapshotKeys`} />
            <DraftCheckbox path={`${base}.sharedWithAllAgreements`} label="Fælles for alle delaftaler" />
            <h4 className="h5">Udvælgelseskriterier</h4>
            <TextListEditor listPath={`${base}.selectionCriteria`} itemName="Kriterium" addLabel={`Tilføj kriterium til aktivitet ${ai + 1}`} />
            <h4 className="h5">Eksempler</h4>
            <TextListEditor listPath={`${base}.examples`} itemName="Eksempel" addLabel={`Tilføj eksempel til aktivitet ${ai + 1}`} />
            <h4 className="h5">Måltal</h4>
            <TargetsEditor listPath={`${base}.targets`} owner={`aktivitet ${ai + 1}`} />
            <h4 className="h5">Ressourcer</h4>
            <ResourcesEditor listPath={`${base}.resources`} owner={`aktivitet ${ai + 1}`} />
            <h4 className="h5">Åbningstider</h4>
            <SchedulesEditor listPath={`${base}.schedules`} owner={`aktivitet ${ai + 1}`} />
            <h4 className="h5">Fordeling på indsatsområder</h4>
            <AllocationsEditor listPath={`${base}.allocations`} owner={`aktivitet ${ai + 1}`} />
            <h4 className="h5">Registrering af timer</h4>
            <TimeRecordingEditor path={`${base}.timeRecording`} resourceKeys={resourceKeys} />
          </DraftFieldset>
        )
      })}
      <AddItemButton
        listPath="content.activities"
        item={
          {
            key: freshKey(activities.map((a) => a.key), `aktivitet-${activities.length + 1}`),
            name: '',
            goalKeys: [],
            snapshotKeys: [],
            selectionCriteria: [],
            examples: [],
            targets: [],
            resources: [],
            schedules: [],
            sharedWithAllAgreements: false,
            allocations: [],
          } satisfies Activity
        }
        focusField="name"
      >
        Tilføj aktivitet
      </AddItemButton>
    </>
  )
}

/** Staff or municipal resources of the agreement, or the resources of one activity. */
export function ResourcesEditor({ listPath, owner }: { listPath: string; owner: string }) {
  const form = useDraftForm()
  const keys = useAllKeys()
  const resources = (getIn(form.draft, listPath) as StaffResource[] | undefined) ?? []
  return (
    <>
      {resources.length === 0 && <p className="form-hint">Ingen ressourcer for {owner}.</p>}
      {resources.map((resource, ri) => {
        const base = `${listPath}.${ri}`
        const unit = resource.resourceUnit === 'unspecified' ? '' : resourceUnitLabels[resource.resourceUnit]
        const title = resource.role || resource.organisation || `Ressource ${ri + 1}`
        return (
          <DraftFieldset key={ri} path={base} legend={`${title} (${owner})`} className="resource-fieldset">
            <ItemControls listPath={listPath} index={ri} count={resources.length} name={`${title} (${owner})`} />
            <DraftTextarea
              path={`${base}.text`}
              label="Teksten i delaftalen"
              required
              hint="Sådan står ressourcen i delaftalen. Ret den også, hvis du ændrer mængden."
              minRows={2}
            />
            <div className="field-row">
              <DraftNumber path={`${base}.quantity`} label={unit ? `Mængde (${unit})` : 'Mængde'} hint={COUNT_HINT} />
              <DraftSelect
                path={`${base}.resourceUnit`}
                label="Enhed"
                required
                options={ResourceUnit.options.map((u) => ({ value: u, label: u === 'unspecified' ? 'Ikke angivet' : resourceUnitLabels[u] }))}
              />
              <DraftNumber path={`${base}.weeks`} label="Antal uger" integer hint="Et helt tal fra 1 til 60, hvis det er angivet." />
            </div>
            <DraftCheckbox path={`${base}.atLeast`} label="Mindst (mængden er et minimum)" />
            <div className="field-row">
              <DraftText path={`${base}.organisation`} label="Organisation" required width="input-width-l" />
              <DraftText path={`${base}.unit`} label="Enhed i organisationen" width="input-width-l" />
              <DraftText path={`${base}.role`} label="Rolle eller stilling" width="input-width-l" />
            </div>
            <DraftKey path={`${base}.key`} />
          </DraftFieldset>
        )
      })}
      <AddItemButton listPath={listPath} item={newResource(freshKey(keys.resources, 'ressource'))} focusField="text">
        Tilføj ressource til {owner}
      </AddItemButton>
    </>
  )
}

export function SchedulesEditor({ listPath, owner }: { listPath: string; owner: string }) {
  const form = useDraftForm()
  const schedules = (getIn(form.draft, listPath) as Schedule[] | undefined) ?? []
  return (
    <>
      {schedules.length === 0 && <p className="form-hint">Ingen faste åbningstider for {owner}.</p>}
      {schedules.map((schedule, si) => {
        const base = `${listPath}.${si}`
        const title = `Åbningstid ${si + 1}${schedule.site ? `: ${schedule.site}` : ''} (${owner})`
        return (
          <DraftFieldset key={si} path={base} legend={title} className="row-fieldset">
            <ItemControls listPath={listPath} index={si} count={schedules.length} name={title} />
            <div className="field-row">
              <DraftText path={`${base}.site`} label="Sted" required width="input-width-m" />
              <DraftText path={`${base}.venue`} label="Bygning" width="input-width-m" />
              <DraftSelect path={`${base}.weekday`} label="Ugedag" required options={Weekday.options.map((d) => ({ value: d, label: weekdayLabels[d] }))} />
            </div>
            <div className="field-row">
              <DraftText path={`${base}.from`} label="Fra kl." required hint="TT:MM, fx 12:00." width="input-width-xs" maxLength={5} />
              <DraftText path={`${base}.to`} label="Til kl." required hint="TT:MM, fx 17:00." width="input-width-xs" maxLength={5} />
              <DraftNumber path={`${base}.staffingMin`} label="Bemanding, mindst" integer hint="Antal medarbejdere." />
              <DraftNumber path={`${base}.staffingMax`} label="Bemanding, højst" integer hint="Antal medarbejdere." />
              <DraftKey path={`${base}.key`} hint={SHORT_KEY_HINT} />
            </div>
          </DraftFieldset>
        )
      })}
      <AddItemButton
        listPath={listPath}
        item={{ key: freshKey(schedules.map((s) => s.key), `tid-${schedules.length + 1}`), site: '', weekday: 'monday', from: '12:00', to: '17:00', recurrence: 'weekly' } satisfies Schedule}
        focusField="site"
      >
        Tilføj åbningstid til {owner}
      </AddItemButton>
    </>
  )
}

/** The target-group tables (målgruppeopgørelser): dated counts per § 6 code, per department when given. */
export function SnapshotsEditor() {
  const form = useDraftForm()
  const snapshots = form.draft.content.targetGroupSnapshots
  return (
    <>
      {snapshots.map((snapshot, si) => {
        const base = `content.targetGroupSnapshots.${si}`
        const columns = Math.max(1, snapshot.departments.length)
        const title = `Målgruppeopgørelse ${si + 1}${snapshot.title ? `: ${snapshot.title}` : ''}`
        return (
          <DraftFieldset key={si} path={base} legend={title} headingLevel={3}>
            <ItemControls listPath="content.targetGroupSnapshots" index={si} count={snapshots.length} name={title} />
            <div className="field-row">
              <DraftText path={`${base}.title`} label="Titel" required width="input-width-l" />
              <DraftText path={`${base}.date`} label="Opgjort den" type="date" required />
              <DraftKey path={`${base}.key`} hint={SHORT_KEY_HINT} />
            </div>
            <DraftText path={`${base}.population`} label="Hvem der tælles" hint="Fx Ledige i boligafdelingerne." />
            {/* Uncontrolled while typing: a new key when the item moves or its columns change. */}
            <DepartmentsField key={`${snapshot.key}:${snapshot.departments.join(',')}`} path={`${base}.departments`} />
            {snapshot.rows.map((row, ri) => {
              const path = `${base}.rows.${ri}`
              const rowName = `række ${ri + 1}${row.code ? ` (${row.code})` : ''} i ${title}`
              return (
                <DraftFieldset key={ri} path={path} legend={`Række ${ri + 1}${row.code ? `: ${row.code} ${row.label}` : ''}`} className="row-fieldset">
                  <ItemControls listPath={`${base}.rows`} index={ri} count={snapshot.rows.length} name={rowName} removable={snapshot.rows.length > 1} />
                  <div className="field-row">
                    <DraftText path={`${path}.code`} label="Kode" required hint="§ 6-koden, fx 6.1." width="input-width-xs" />
                    <DraftText path={`${path}.label`} label="Betegnelse" required hint="Som kilden skriver den." width="input-width-l" />
                  </div>
                  <div className="field-row">
                    {Array.from({ length: columns }, (_, ci) => (
                      <DraftNumber
                        key={ci}
                        path={`${path}.counts.${ci}`}
                        label={snapshot.departments[ci] ? `Antal, afdeling ${snapshot.departments[ci]}` : 'Antal'}
                        required
                        integer
                      />
                    ))}
                    {columns > 1 && <DraftNumber path={`${path}.total`} label="Rækkens total" hint="Som kilden angiver den." />}
                  </div>
                </DraftFieldset>
              )
            })}
            <AddItemButton
              listPath={`${base}.rows`}
              item={{ code: '', label: '', counts: Array.from({ length: columns }, () => 0) } satisfies TargetGroupRow}
              focusField="code"
            >
              Tilføj række til {title}
            </AddItemButton>
            <div className="field-row">
              <DraftNumber path={`${base}.total`} label="Samlet total" hint="Som kilden angiver den; tjekkes mod rækkerne." />
              <DraftText path={`${base}.totalLabel`} label="Totalens betegnelse" hint="Fx Hovedtotal eller Sum." width="input-width-m" />
            </div>
          </DraftFieldset>
        )
      })}
      <AddItemButton
        listPath="content.targetGroupSnapshots"
        item={
          {
            key: freshKey(snapshots.map((s) => s.key), `maalgrupper-${snapshots.length + 1}`),
            title: '',
            date: '',
            departments: [],
            rows: [{ code: '', label: '', counts: [0] }],
          } satisfies TargetGroupSnapshot
        }
        focusField="title"
      >
        Tilføj målgruppeopgørelse
      </AddItemButton>
    </>
  )
}

/** The department columns as one comma-separated field ("1, 2, 3"); a count field per column follows. */
function DepartmentsField({ path }: { path: string }) {
  const form = useDraftForm()
  const departments = (getIn(form.draft, path) as string[] | undefined) ?? []
  const id = fieldIdOf(path)
  return (
    <div className={['form-group', form.errors[path] ? 'form-error' : ''].filter(Boolean).join(' ')}>
      <label className="form-label" htmlFor={id}>
        Afdelinger (kolonner)
      </label>
      <span className="form-hint" id={`${id}-hint`}>
        Afdelingsnumrene adskilt af komma, fx 1, 2, 5. Tom, hvis tabellen har én kolonne.
      </span>
      <input
        id={id}
        className="form-input input-width-l"
        autoComplete="off"
        maxLength={500}
        aria-describedby={`${id}-hint`}
        defaultValue={departments.join(', ')}
        onBlur={(e) => {
          const next = e.target.value
            .split(',')
            .map((d) => d.trim())
            .filter(Boolean)
          form.setValue(path, next)
          // Each row keeps one count per column: new columns start at 0, removed ones go.
          const rowsPath = path.replace(/\.departments$/, '.rows')
          const rows = (getIn(form.draft, rowsPath) as TargetGroupRow[] | undefined) ?? []
          const columns = Math.max(1, next.length)
          rows.forEach((_, ri) => {
            for (let ci = 0; ci < Math.max(columns, rows[ri]!.counts.length); ci++) {
              const countPath = `${rowsPath}.${ri}.counts.${ci}`
              if (ci >= columns) form.setNumber(countPath, undefined)
              else if (form.numbers[countPath] === undefined) form.setNumber(countPath, '0')
            }
            form.setValue(`${rowsPath}.${ri}.counts`, Array.from({ length: columns }, (_, ci) => rows[ri]!.counts[ci] ?? 0))
          })
        }}
      />
    </div>
  )
}
