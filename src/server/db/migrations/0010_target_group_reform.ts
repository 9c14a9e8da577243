import { type Kysely, sql } from 'kysely'

// Frozen: never edit a shipped migration; add a new one. No application code is imported here.
//
// The target-group codes as they stand after the cash-benefit reform of 1 July 2025 (decision
// 021). The reform merged uddannelseshjælp, overgangsydelse and selvforsørgelses- og
// hjemrejseydelse into one kontanthjælp, so the versions of 6.2 and 6.3 that ended on 30 June 2025
// get successors from 1 July 2025 with the new words: a jobparat and an aktivitetsparat
// kontanthjælp recipient, the core group of both plans, can be classified again. The codes for
// young people on uddannelseshjælp (6.4, 6.5) and the integration programme codes stay ended; an
// administrator adds what later law brings (the employment reform from 2027) in the application.
//
// 6.8 is called ressourceforløb in the law; Jobindsats and the plans' own tables say
// "Rehabilitent". The reference label is the law's word; snapshots keep their source's own.

const REFORM = 'Kontanthjælpsreformen 1. juli 2025: uddannelseshjælp, overgangsydelse og selvforsørgelses- og hjemrejseydelse er samlet i kontanthjælpen.'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`insert into target_group_code (code, label, valid_from, valid_to, note) values
    ('6.2', 'Jobparat kontanthjælpsmodtager', '2025-07-01', null, ${REFORM}),
    ('6.3', 'Aktivitetsparat kontanthjælpsmodtager', '2025-07-01', null, ${REFORM})
    on conflict do nothing`.execute(db)
  await sql`update target_group_code
    set label = 'Ressourceforløb', note = 'Kaldes "Rehabilitent" i Jobindsats og i helhedsplanernes egne tabeller.'
    where code = '6.8' and valid_from = '2019-01-01' and label = 'Ressourceforløb (vist som "Rehabilitent")'`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore a backup instead.')
}
