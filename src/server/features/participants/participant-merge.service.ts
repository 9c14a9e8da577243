import { type ParticipantMerge, type ParticipantMerged, ParticipantMerge as MergeSchema } from '../../../shared/participants.ts'
import { writeAudit } from '../../lib/audit-log.ts'
import type { Grant } from '../../lib/authorize.ts'
import type { AppContext } from '../../lib/context.ts'
import { AppError } from '../../lib/errors.ts'
import { refuseErasedResident } from './erased-guard.ts'
import * as repo from './participants.repo.ts'
import { requireView } from './resident-gate.ts'

// Merging a resident registered twice (decision 025). The resident whose page it is stays; the
// duplicate, named by its pseudonym, is merged into it: its notes, consents, enrolments (with their
// attendance and follow-ups), inquiries, appointments and conversations move, what the kept record
// lacks is filled in from it, and its row goes. What was merged into what is kept (participant_merge)
// and written to the audit log.

const issue = (message: string) => ({ issues: [{ path: 'duplicate', message }] })

export async function mergeParticipants(ctx: AppContext, grant: Grant<'participant-merges', 'create'>, keptId: string, input: ParticipantMerge): Promise<ParticipantMerged> {
  const planId = grant.planId!
  const { duplicate: pseudonym } = MergeSchema.parse(input)
  const kept = await requireView(ctx, grant, keptId)
  const duplicateId = await repo.participantIdByPseudonym(ctx.db, planId, pseudonym)
  if (!duplicateId) throw new AppError('validation', `Der er ingen deltager med id’et ${pseudonym} i denne helhedsplan.`, issue(`Der er ingen deltager med id’et ${pseudonym}.`))
  if (duplicateId === keptId) throw new AppError('validation', 'En deltager kan ikke lægges sammen med sig selv.', issue('Skriv id’et på den anden deltager, ikke på denne.'))
  const duplicate = await requireView(ctx, grant, duplicateId)
  // Only a reader who sees all of both moves one into the other: nothing may move that they cannot see.
  if (kept.view.scope.kind !== 'full' || duplicate.view.scope.kind !== 'full') throw new AppError('forbidden', 'Kun den, der kan se alle oplysninger om begge beboere, kan lægge dem sammen.')
  refuseErasedResident(kept.head)
  refuseErasedResident(duplicate.head)

  return ctx.db.transaction().execute(async (trx) => {
    await repo.lockResidents(trx, [keptId, duplicateId])
    const into = (await repo.participantRecord(trx, planId, keptId))!
    const from = (await repo.participantRecord(trx, planId, duplicateId))!
    if (into.cpr_lookup && from.cpr_lookup && into.cpr_lookup !== from.cpr_lookup) {
      throw new AppError('validation', `${from.pseudonym} og ${into.pseudonym} har hver sit CPR-nummer, så de er ikke den samme person.`, issue('De to deltagere har forskellige CPR-numre.'))
    }
    // One request to be erased awaits a decision per resident; two cannot become one by a merge.
    if ((await repo.pendingErasureRequests(trx, [keptId, duplicateId])) > 1) {
      throw new AppError('conflict', `Både ${from.pseudonym} og ${into.pseudonym} har en anmodning om sletning, der venter på en afgørelse. Afgør den ene, før de lægges sammen.`)
    }
    const moved = await repo.moveResidentRows(trx, duplicateId, keptId)
    // What the kept record lacks is taken from the duplicate; what it has stays. The CPR number leaves
    // the duplicate first, since one number is on one resident of a plan only.
    const filled = {
      phone: into.phone ?? from.phone,
      email: into.email ?? from.email,
      address: into.address ?? from.address,
      birth_year: into.birth_year ?? from.birth_year,
      age_band: into.age_band ?? from.age_band,
      housing_area_id: into.housing_area_id ?? from.housing_area_id,
      department_id: into.department_id ?? from.department_id,
      target_group_code: into.target_group_code ?? from.target_group_code,
      target_group_on: into.target_group_code ? into.target_group_on : from.target_group_on,
      registered_on: into.registered_on < from.registered_on ? into.registered_on : from.registered_on,
    }
    const takesCpr = !into.cpr_lookup && from.cpr_lookup !== null
    if (takesCpr) await repo.updateParticipant(trx, duplicateId, from.version, { cpr_encrypted: null, cpr_lookup: null })
    await repo.updateParticipant(trx, keptId, into.version, {
      ...filled,
      ...(takesCpr ? { cpr_encrypted: from.cpr_encrypted, cpr_lookup: from.cpr_lookup } : {}),
      updated_at: ctx.now(),
      version: into.version + 1,
    })
    await repo.recordMerge(trx, { plan_id: planId, merged_id: duplicateId, merged_pseudonym: from.pseudonym, into_id: keptId, moved: JSON.stringify(moved), merged_by: grant.actor.id })
    await writeAudit(trx, {
      actor: { id: grant.actor.id },
      action: 'create',
      entity: 'participant-merge',
      entityId: keptId,
      planId,
      details: { participantId: keptId, pseudonym: into.pseudonym, mergedId: duplicateId, mergedPseudonym: from.pseudonym, moved, cpr: takesCpr ? 'moved' : 'unchanged' },
    })
    return { mergedPseudonym: from.pseudonym, moved }
  })
}
