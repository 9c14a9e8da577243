import type { Dispatch, SetStateAction } from 'react'
import { AGE_BANDS, type AgeBand, type ParticipantForm, ageBandLabels } from '../../../shared/participants.ts'
import { SelectField } from '../../components/ui/select-field.tsx'
import { NumberField, TextField } from '../../components/ui/text-field.tsx'
import type { FieldErrors } from '../../lib/form-errors.ts'
import type { ParticipantField, ParticipantValues } from './participant-form.ts'

// The fields a resident's record has, shared by registering and correcting: name, contact, age,
// housing and the job-centre target group. The registration day and the CPR number are the pages' own.

export function ParticipantFields({
  fieldId,
  options,
  values,
  setValues,
  errors,
}: {
  fieldId: (field: ParticipantField) => string
  options: ParticipantForm
  values: ParticipantValues
  setValues: Dispatch<SetStateAction<ParticipantValues>>
  errors: FieldErrors
}) {
  const set =
    (field: ParticipantField) =>
    (e: { target: { value: string } }): void =>
      setValues((v) => ({ ...v, [field]: e.target.value }))

  // Departments of the chosen housing area, and those not tied to one.
  const departments = options.departments.filter((d) => !values.housingAreaId || d.housingAreaId === null || d.housingAreaId === values.housingAreaId)

  return (
    <>
      <TextField id={fieldId('name')} label="Navn" required autoComplete="off" value={values.name} onChange={set('name')} error={errors.name} />

      <fieldset className="participant-fieldset">
        <legend className="h3">Kontakt</legend>
        <TextField id={fieldId('phone')} label="Telefon" type="tel" autoComplete="off" width="input-width-s" value={values.phone} onChange={set('phone')} error={errors.phone} />
        <TextField
          id={fieldId('email')}
          label="E-mail"
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={values.email}
          onChange={set('email')}
          error={errors.email}
        />
        <TextField id={fieldId('address')} label="Adresse" autoComplete="off" value={values.address} onChange={set('address')} error={errors.address} />
      </fieldset>

      <fieldset className="participant-fieldset">
        <legend className="h3">Alder</legend>
        <div className="field-row">
          <NumberField
            id={fieldId('birthYear')}
            label="Fødselsår"
            hint="Fx 1987"
            value={values.birthYear}
            onChange={set('birthYear')}
            error={errors.birthYear}
          />
          <SelectField
            id={fieldId('ageBand')}
            label="Aldersgruppe"
            hint="Kun hvis fødselsåret ikke kendes."
            placeholder="Ikke valgt"
            options={AGE_BANDS.map((band) => ({ value: band, label: ageBandLabels[band] }))}
            value={values.ageBand}
            onChange={(e) => setValues((v) => ({ ...v, ageBand: e.target.value as AgeBand | '' }))}
            error={errors.ageBand}
          />
        </div>
      </fieldset>

      <fieldset className="participant-fieldset">
        <legend className="h3">Bolig</legend>
        <div className="field-row">
          <SelectField
            id={fieldId('housingAreaId')}
            label="Boligområde"
            placeholder="Ikke valgt"
            options={options.housingAreas.map((area) => ({ value: area.id, label: area.name }))}
            value={values.housingAreaId}
            onChange={(e) =>
              setValues((v) => {
                const housingAreaId = e.target.value
                const department = options.departments.find((d) => d.id === v.departmentId)
                // A department in another area cannot stay chosen.
                const keep = !department || !housingAreaId || department.housingAreaId === null || department.housingAreaId === housingAreaId
                return { ...v, housingAreaId, departmentId: keep ? v.departmentId : '' }
              })
            }
            error={errors.housingAreaId}
          />
          <SelectField
            id={fieldId('departmentId')}
            label="Afdeling"
            placeholder="Ikke valgt"
            options={departments.map((d) => ({ value: d.id, label: d.name ? `Afd. ${d.number}, ${d.name}` : `Afd. ${d.number}` }))}
            value={values.departmentId}
            onChange={set('departmentId')}
            error={errors.departmentId}
          />
        </div>
      </fieldset>

      <fieldset className="participant-fieldset" aria-describedby="participant-targetGroup-hint">
        <legend className="h3">Målgruppe i jobcentret</legend>
        <p className="form-hint mt-2" id="participant-targetGroup-hint">
          Udfyld, hvis beboeren er ledig og du kender målgruppen (§ 6 i lov om en aktiv beskæftigelsesindsats).
        </p>
        <div className="field-row">
          <SelectField
            id={fieldId('targetGroupCode')}
            label="Målgruppe (§ 6-kode)"
            placeholder="Ikke valgt"
            options={options.targetGroups.map((g) => ({ value: g.code, label: `${g.code} ${g.label}` }))}
            value={values.targetGroupCode}
            onChange={set('targetGroupCode')}
            error={errors.targetGroupCode}
          />
          <TextField
            id={fieldId('targetGroupOn')}
            label="Målgruppe pr. dato"
            type="date"
            width="input-width-s"
            value={values.targetGroupOn}
            onChange={set('targetGroupOn')}
            error={errors.targetGroupOn}
          />
        </div>
      </fieldset>
    </>
  )
}
