// The daily retention run (decision 008) when many residents fall due at once: 16 000 residents of
// one plan, registered three years ago and never enrolled, each with a note and a consent with its
// signed copy, all due under the plan's rule. Written to bench/results/retention.json. Baseline in
// the same run, on a second plan loaded the same way: the bare statements that blank the same
// fields and delete the same notes and documents for all of them at once, with no audit, counts or
// checks — the least any anonymisation must do. One statement per resident and table took 27.7 ms a
// resident (ratio 207 at 3 000 residents, same machine and load); one per batch of 1 000 takes 1–2 ms.
import fs from 'node:fs'
import os from 'node:os'
import { sql } from 'kysely'
import { importAgreementFile } from '../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../src/server/features/agreements/seed-files.ts'
import { runRetention } from '../src/server/features/participants/privacy.service.ts'
import { systemAuthority } from '../src/server/lib/authorize.ts'
import type { AppContext } from '../src/server/lib/context.ts'
import { addDays } from '../src/shared/lib/period.ts'
import { isoDay } from '../src/shared/lib/format.ts'
import { round } from './startup.ts'
import { benchDatabase } from './lib/database.ts'

const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 16_000)

async function load(ctx: AppContext, planId: string, prefix: string): Promise<void> {
  const registered = addDays(isoDay(new Date()), -3 * 365)
  const party = await ctx.db.selectFrom('plan_party').select('id').where('plan_id', '=', planId).where('kind', '=', 'boligsocial').executeTakeFirstOrThrow()
  for (let i = 0; i < RESIDENTS; i += 1000) {
    const people = Array.from({ length: Math.min(1000, RESIDENTS - i) }, (_, k) => ({
      plan_id: planId,
      pseudonym: `${prefix}-${String(i + k + 1).padStart(5, '0')}`,
      owner_party_id: party.id,
      registered_on: registered,
      name: `Beboer ${i + k + 1}`,
      phone: '20 123456',
      email: `beboer${i + k + 1}@example.dk`,
      address: 'Stenbjergparken 1, 6400 Sønderborg',
      birth_year: 1980,
    }))
    const rows = await ctx.db.insertInto('participant').values(people).returning('id').execute()
    await ctx.db.insertInto('participant_note').values(rows.map((r) => ({ participant_id: r.id, category: 'contact', body: 'Kom til åben rådgivning.', written_on: registered }))).execute()
    const consents = await ctx.db
      .insertInto('consent')
      .values(rows.map((r) => ({ participant_id: r.id, purpose: 'Hjælp til job og praktik.', form: 'written', given_on: registered, categories: ['contact'] })))
      .returning('id')
      .execute()
    await ctx.db.insertInto('consent_document').values(consents.map((c) => ({ consent_id: c.id, file_name: 'samtykke.pdf', media_type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n') }))).execute()
  }
  await ctx.db
    .insertInto('plan_privacy')
    .values({ plan_id: planId, next_number: RESIDENTS + 1, months_after_last_enrolment: 12 })
    .onConflict((oc) => oc.column('plan_id').doUpdateSet({ next_number: RESIDENTS + 1, months_after_last_enrolment: 12 }))
    .execute()
}

async function bare(ctx: AppContext, planId: string): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    await sql`delete from participant_note n using participant p where p.id = n.participant_id and p.plan_id = ${planId}`.execute(trx)
    await sql`delete from consent_document d using consent c, participant p where c.id = d.consent_id and p.id = c.participant_id and p.plan_id = ${planId}`.execute(trx)
    await sql`update consent c set purpose = '' from participant p where p.id = c.participant_id and p.plan_id = ${planId}`.execute(trx)
    const r = await sql`update participant set name = null, phone = null, email = null, address = null, birth_year = null, cpr_encrypted = null, cpr_lookup = null, anonymised_at = now(), anonymised_reason = 'never-enrolled' where plan_id = ${planId}`.execute(trx)
    return Number(r.numAffectedRows)
  })
}

export async function runRetentionBench(): Promise<void> {
  const bench = await benchDatabase('retention')
  const { ctx, owner } = bench
  const db = ctx.db
  try {
    const a = await importAgreementFile(ctx, systemAuthority('system'), readSeedAgreement('soenderborg-beskaeftigelse').file, 'seed')
    const b = await importAgreementFile(ctx, systemAuthority('system'), readSeedAgreement('varde-beskaeftigelse').file, 'seed')
    await load(ctx, a.planId, 'A')
    await load(ctx, b.planId, 'B')
    await sql`analyze`.execute(owner)

    let t0 = performance.now()
    const baselineRows = await bare(ctx, b.planId)
    const baselineMs = performance.now() - t0
    t0 = performance.now()
    const result = await runRetention(ctx, systemAuthority('system'), a.planId)
    const indsatsMs = performance.now() - t0
    const left = await db.selectFrom('participant').select(sql<number>`count(*)::int`.as('n')).where('plan_id', '=', a.planId).where('name', 'is not', null).executeTakeFirstOrThrow()
    if (result.anonymised !== RESIDENTS || baselineRows !== RESIDENTS || left.n !== 0) throw new Error(`anonymised ${result.anonymised}, baseline ${baselineRows}, names left ${left.n}`)
    const out = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverage: os.loadavg().map(round) },
      residentsDue: RESIDENTS,
      baselines: { bareStatementsMs: round(baselineMs) },
      indsats: { retentionRunMs: round(indsatsMs), perResidentMs: round(indsatsMs / RESIDENTS) },
      ratios: { retentionRunVsBareStatements: round(indsatsMs / baselineMs) },
    }
    fs.mkdirSync('bench/results', { recursive: true })
    fs.writeFileSync('bench/results/retention.json', `${JSON.stringify(out, null, 2)}\n`)
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
  } finally {
    await bench.close()
  }
}
