import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import { effortAreaNames } from '../../src/shared/agreement-wording.ts'
import type { AgreementDetail, RevisionCreateInput } from '../../src/shared/agreements.ts'
import { Role } from '../../src/shared/users.ts'
import { parseAgreementFile, toYaml } from '../../src/server/features/agreements/agreement-file.ts'
import { importAgreementFile } from '../../src/server/features/agreements/agreements.service.ts'
import { readSeedAgreement } from '../../src/server/features/agreements/seed-files.ts'
import { systemAuthority } from '../../src/server/lib/authorize.ts'
import { login, makeUser, testApp } from '../support/app.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'

let t: TestDatabase
let app: App
let sonderborg: { planId: string; agreementId: string }
let varde: { planId: string; agreementId: string }
const system = systemAuthority('system')

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  for (const [name, target] of [
    ['soenderborg-beskaeftigelse', (v: typeof sonderborg) => (sonderborg = v)],
    ['varde-beskaeftigelse', (v: typeof varde) => (varde = v)],
  ] as const) {
    const result = await importAgreementFile(t.ctx, system, readSeedAgreement(name).file, 'seed')
    target({ planId: result.planId, agreementId: result.agreementId })
  }
})

async function as(role: Role, planIds: string[]) {
  const user = await makeUser(t.ctx, role, planIds)
  return { user, cookie: await login(app, user) }
}

function url(p: { planId: string; agreementId: string }, rest = '') {
  return `/api/plans/${p.planId}/agreements/${p.agreementId}${rest}`
}

async function countRows() {
  const [a, r, audit] = await Promise.all([
    t.db.selectFrom('agreement').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    t.db.selectFrom('agreement_revision').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('entity', 'in', ['agreement', 'plan']).executeTakeFirstOrThrow(),
  ])
  return { agreements: Number(a.n), revisions: Number(r.n), audit: Number(audit.n) }
}

describe('importing agreement files', () => {
  it('holds both seed agreements completely: what goes in comes out identical', async () => {
    const { cookie } = await as('projektleder', [sonderborg.planId, varde.planId])
    for (const [p, name] of [
      [sonderborg, 'soenderborg-beskaeftigelse'],
      [varde, 'varde-beskaeftigelse'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url: url(p), headers: { cookie } })
      expect(res.statusCode).toBe(200)
      const detail = res.json() as AgreementDetail
      const { file } = readSeedAgreement(name)
      expect(detail.content).toEqual(file.agreement)
      expect(detail.plan).toEqual(file.plan)
      expect(detail.revision).toMatchObject({ number: 1, source: 'seed', createdBy: 'Indsats', effectiveFrom: file.revision.effectiveFrom })
    }
  })

  it('changes nothing when the same file is imported twice', async () => {
    const before = await countRows()
    const again = await importAgreementFile(t.ctx, system, readSeedAgreement('varde-beskaeftigelse').file, 'import')
    expect(again).toMatchObject({ outcome: 'unchanged', revisionNumber: 1, agreementId: varde.agreementId })
    expect(await countRows()).toEqual(before)
  })

  it('gives back an identical agreement when an export is imported again', async () => {
    const { cookie } = await as('bestyrelse', [sonderborg.planId])
    const exported = await app.inject({ method: 'GET', url: url(sonderborg, '/export?format=yaml'), headers: { cookie } })
    expect(exported.statusCode).toBe(200)
    expect(exported.headers['content-disposition']).toBe('attachment; filename="delaftale-beskaeftigelse-soenderborg-rev1.yaml"')
    const parsed = parseAgreementFile(exported.body)
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
    expect(parsed.file).toEqual(readSeedAgreement('soenderborg-beskaeftigelse').file)
    const before = await countRows()
    expect((await importAgreementFile(t.ctx, system, parsed.file, 'import')).outcome).toBe('unchanged')
    expect(await countRows()).toEqual(before)
  })

  it('saves a changed file as a new revision and keeps the old one readable', async () => {
    const plan = { name: 'Helhedsplan Prøveby', municipality: 'Prøveby' }
    const file = structuredClone(readSeedAgreement('varde-beskaeftigelse').file)
    file.plan = { ...file.plan, ...plan }
    const first = await importAgreementFile(t.ctx, system, file, 'import')
    expect(first.outcome).toBe('created')
    file.revision = { effectiveFrom: '2023-01-01', boardDecision: 'Bestyrelsesmøde 12. december 2022, punkt 3' }
    file.agreement.goals[1]!.indicators[0]!.rows[0]!.baseline.count = 118
    const second = await importAgreementFile(t.ctx, system, file, 'import')
    expect(second).toMatchObject({ outcome: 'revised', revisionNumber: 2, agreementId: first.agreementId })
    const rows = await t.db.selectFrom('agreement_revision').select(['number', 'board_decision']).where('agreement_id', '=', first.agreementId).orderBy('number').execute()
    expect(rows).toEqual([
      { number: 1, board_decision: 'Delaftale som indsendt til Landsbyggefonden ved helhedsplanens start' },
      { number: 2, board_decision: 'Bestyrelsesmøde 12. december 2022, punkt 3' },
    ])
  })

  it('records a new board decision on unchanged content as a new revision', async () => {
    const file = structuredClone(readSeedAgreement('varde-beskaeftigelse').file)
    file.plan = { ...file.plan, name: 'Helhedsplan Årsrevision', municipality: 'Årsby' }
    const first = await importAgreementFile(t.ctx, system, file, 'import')
    file.revision = { effectiveFrom: '2023-01-01', boardDecision: 'Årlig revision: bestyrelsen fastholder delaftalen uændret' }
    expect(await importAgreementFile(t.ctx, system, file, 'import')).toMatchObject({ outcome: 'revised', revisionNumber: 2, agreementId: first.agreementId })
    expect(await importAgreementFile(t.ctx, system, file, 'import')).toMatchObject({ outcome: 'unchanged', revisionNumber: 2 })
  })

  it('writes nothing at all when a file fails inside the import (all or nothing)', async () => {
    const file = structuredClone(readSeedAgreement('varde-beskaeftigelse').file)
    file.plan = { ...file.plan, name: 'Helhedsplan Ingensteds', municipality: 'Ingensteds' }
    file.agreement.effortArea = 'boligsocial-trivsel'
    const before = await countRows()
    await expect(importAgreementFile(t.ctx, system, file, 'import')).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringContaining('Indsatsområdet "boligsocial-trivsel" findes ikke i prioriteringsperioden 2019-26'),
    })
    expect(await countRows()).toEqual(before)
    expect(await t.db.selectFrom('plan').select('id').where('municipality', '=', 'Ingensteds').execute()).toEqual([])
  })
})

describe('reference data', () => {
  it('names the effort areas on the page and in documents exactly as the database\'s reference data does', async () => {
    const rows = await t.db.selectFrom('effort_area').select(['code', 'name']).where('funding_period', '=', '2019-26').orderBy('sort_order').execute()
    expect(Object.fromEntries(rows.map((r) => [r.code, r.name]))).toEqual(effortAreaNames)
  })
})

describe('reading agreements', () => {
  it('lists a plan\'s agreements with period, revision and warning count', async () => {
    const { cookie } = await as('jobcenter', [varde.planId])
    const res = await app.inject({ method: 'GET', url: `/api/plans/${varde.planId}/agreements`, headers: { cookie } })
    expect(res.statusCode).toBe(200)
    expect(res.json().agreements).toEqual([
      expect.objectContaining({
        id: varde.agreementId,
        title: 'Delaftale for indsatsområdet Beskæftigelse',
        effortArea: { code: 'beskaeftigelse', name: 'Beskæftigelse', fundingPeriod: '2019-26' },
        validFrom: '2022-01-01',
        validTo: '2025-12-31',
        latestRevision: expect.objectContaining({ number: 1 }),
        warningCount: 4,
      }),
    ])
  })

  it('shows the consistency warnings with the agreement', async () => {
    const { cookie } = await as('boligsocial', [varde.planId])
    const detail = (await app.inject({ method: 'GET', url: url(varde), headers: { cookie } })).json() as AgreementDetail
    expect(detail.warnings.map((w) => w.code)).toEqual(['resource-weeks-differ', 'indicator-no-frequency', 'indicator-no-frequency', 'indicator-no-frequency'])
  })

  it.each(Role.options)('lets a %s on the plan read it, and no one read another plan\'s agreement', async (role) => {
    const { cookie } = await as(role, [sonderborg.planId])
    expect((await app.inject({ method: 'GET', url: url(sonderborg), headers: { cookie } })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: url(varde), headers: { cookie } })).statusCode).toBe(403)
    expect((await app.inject({ method: 'GET', url: `/api/plans/${varde.planId}/agreements`, headers: { cookie } })).statusCode).toBe(403)
    // Naming one's own plan with the other plan's agreement finds nothing.
    expect((await app.inject({ method: 'GET', url: `/api/plans/${sonderborg.planId}/agreements/${varde.agreementId}`, headers: { cookie } })).statusCode).toBe(404)
  })

  it('refuses an unauthenticated request', async () => {
    expect((await app.inject({ method: 'GET', url: url(sonderborg) })).statusCode).toBe(401)
  })
})

describe('editing: every save is a new revision', () => {
  async function edit(cookie: string, body: RevisionCreateInput, p = sonderborg) {
    return app.inject({ method: 'POST', url: url(p, '/revisions'), headers: { cookie }, payload: body })
  }

  it('lets a project leader save a revision; the earlier one stays readable, the comparison shows the change, the audit log has it', async () => {
    const { user, cookie } = await as('projektleder', [sonderborg.planId])
    const current = (await app.inject({ method: 'GET', url: url(sonderborg), headers: { cookie } })).json() as AgreementDetail
    const content = structuredClone(current.content)
    content.goals[2]!.indicators[0]!.rows[0]!.baseline.share = 24
    const res = await edit(cookie, {
      basedOnRevision: current.revision.number,
      revision: { effectiveFrom: '2022-09-01', boardDecision: 'Bestyrelsesmøde 24. august 2022, punkt 5' },
      content,
    })
    expect(res.statusCode).toBe(201)
    const number = res.json().number as number
    expect(number).toBe(current.revision.number + 1)

    const latest = (await app.inject({ method: 'GET', url: url(sonderborg), headers: { cookie } })).json() as AgreementDetail
    expect(latest.revision).toMatchObject({ number, source: 'edit', createdBy: expect.stringMatching(/^projektleder \d+$/), boardDecision: 'Bestyrelsesmøde 24. august 2022, punkt 5' })
    expect(latest.content.goals[2]!.indicators[0]!.rows[0]!.baseline.share).toBe(24)
    expect(latest.revisions.map((r) => r.number)).toEqual([number, ...current.revisions.map((r) => r.number)])

    const old = (await app.inject({ method: 'GET', url: url(sonderborg, `?revision=${current.revision.number}`), headers: { cookie } })).json() as AgreementDetail
    expect(old.content.goals[2]!.indicators[0]!.rows[0]!.baseline.share).toBe(20)

    const comparison = await app.inject({ method: 'GET', url: url(sonderborg, `/compare?from=${current.revision.number}&to=${number}`), headers: { cookie } })
    expect(comparison.json().changes).toEqual([expect.objectContaining({ kind: 'changed', before: '20', after: '24', label: expect.stringContaining('Aktiveringsgrad') })])

    const audit = await t.db.selectFrom('audit_log').selectAll().where('actor_id', '=', user.id).where('entity', '=', 'agreement').executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ action: 'update', entity_id: sonderborg.agreementId, plan_id: sonderborg.planId })
    expect(audit.details).toMatchObject({ revision: number, source: 'edit' })
  })

  it('refuses a save based on a revision that is no longer the newest (conflict), and keeps both edits apart', async () => {
    const { cookie } = await as('admin', [sonderborg.planId])
    const current = (await app.inject({ method: 'GET', url: url(sonderborg), headers: { cookie } })).json() as AgreementDetail
    const body = { basedOnRevision: current.revision.number, revision: { effectiveFrom: '2023-01-01', boardDecision: 'Møde A' }, content: current.content }
    expect((await edit(cookie, body)).statusCode).toBe(201)
    const stale = await edit(cookie, { ...body, revision: { ...body.revision, boardDecision: 'Møde B' } })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().message).toContain('Delaftalen er ændret, mens du redigerede')
  })

  it.each(['boligsocial', 'jobcenter', 'bestyrelse'] as const)('refuses a %s', async (role) => {
    const { cookie } = await as(role, [sonderborg.planId])
    const current = (await app.inject({ method: 'GET', url: url(sonderborg), headers: { cookie } })).json() as AgreementDetail
    const res = await edit(cookie, { basedOnRevision: current.revision.number, revision: { effectiveFrom: '2023-01-01', boardDecision: 'x' }, content: current.content })
    expect(res.statusCode).toBe(403)
  })

  it('refuses a project leader of another plan', async () => {
    const { cookie } = await as('projektleder', [varde.planId])
    const res = await edit(cookie, { basedOnRevision: 1, revision: { effectiveFrom: '2023-01-01', boardDecision: 'x' }, content: readSeedAgreement('soenderborg-beskaeftigelse').file.agreement })
    expect(res.statusCode).toBe(403)
  })

  it('answers an invalid edit with Danish messages naming each field', async () => {
    const { cookie } = await as('projektleder', [sonderborg.planId])
    const current = (await app.inject({ method: 'GET', url: url(sonderborg), headers: { cookie } })).json() as AgreementDetail
    const content = structuredClone(current.content) as Record<string, unknown>
    content.title = ''
    const res = await edit(cookie, { basedOnRevision: current.revision.number, revision: { effectiveFrom: '1. januar 2023', boardDecision: '' }, content: content as never })
    expect(res.statusCode).toBe(400)
    expect(res.json().issues).toEqual(
      expect.arrayContaining([
        { path: 'revision.effectiveFrom', message: 'Skriv en dato som ÅÅÅÅ-MM-DD, fx 2021-09-01.' },
        { path: 'revision.boardDecision', message: 'Feltet skal udfyldes.' },
        { path: 'content.title', message: 'Feltet skal udfyldes.' },
      ]),
    )
  })

  // One project leader for the two tests below: sign-ins from one address are rate-limited.
  let leaderCookie: string | undefined
  const leader = async () => (leaderCookie ??= (await as('projektleder', [sonderborg.planId])).cookie)

  it('saves an indicator with a target and a changed resource, and answers with the warnings the import would give', async () => {
    const cookie = await leader()
    const current = (await app.inject({ method: 'GET', url: url(sonderborg), headers: { cookie } })).json() as AgreementDetail
    const content = structuredClone(current.content)
    content.goals[1]!.indicators.push({
      key: 'beboere-i-praktik',
      name: 'Antal beboere i virksomhedspraktik',
      rows: [{ key: 'alle', baseline: { count: 12 } }],
      baselineTime: { kind: 'year', year: 2021 },
      dataSource: 'Projektets egne tal',
      frequency: 'yearly',
      targets: [{ key: 'flere', description: 'Flere beboere i praktik', value: 30, unit: 'beboere', direction: 'up' }],
    })
    // Sønderborg's first indicator has no target in the source; its rows show "Intet måltal".
    content.goals[0]!.indicators[0]!.targets.push({ key: 'faerre', description: 'Andelen skal falde', value: 15, unit: '%', direction: 'down' })
    content.staffResources[0]!.quantity = 60
    const res = await edit(cookie, { basedOnRevision: current.revision.number, revision: { effectiveFrom: '2026-01-01', boardDecision: 'Bestyrelsesmøde 10. december 2025' }, content })
    expect(res.statusCode).toBe(201)
    const warnings = (res.json() as { warnings: { code: string; path: string }[] }).warnings
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'resource-text-number', path: 'staffResources.0.text' }),
        expect.objectContaining({ code: 'revision-outside-period', path: 'revision.effectiveFrom' }),
      ]),
    )

    const saved = (await app.inject({ method: 'GET', url: url(sonderborg), headers: { cookie } })).json() as AgreementDetail
    expect(saved.content.goals[1]!.indicators[1]!.targets).toEqual([{ key: 'flere', description: 'Flere beboere i praktik', value: 30, unit: 'beboere', direction: 'up' }])
    expect(saved.content.goals[0]!.indicators[0]!.targets).toEqual([{ key: 'faerre', description: 'Andelen skal falde', value: 15, unit: '%', direction: 'down' }])
    expect(saved.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['resource-text-number', 'revision-outside-period']))
    const listed = (await app.inject({ method: 'GET', url: `/api/plans/${sonderborg.planId}/agreements`, headers: { cookie } })).json() as { agreements: { id: string; warningCount: number }[] }
    expect(listed.agreements.find((a) => a.id === sonderborg.agreementId)!.warningCount).toBe(saved.warnings.length)
  })

  it('refuses a negative resource and a share over 100 with messages that name them', async () => {
    const cookie = await leader()
    const current = (await app.inject({ method: 'GET', url: url(sonderborg), headers: { cookie } })).json() as AgreementDetail
    const content = structuredClone(current.content)
    content.staffResources[1]!.quantity = -5
    content.goals[0]!.indicators[0]!.rows[0]!.baseline.share = 140
    const res = await edit(cookie, { basedOnRevision: current.revision.number, revision: { effectiveFrom: '2023-01-01', boardDecision: 'x' }, content })
    expect(res.statusCode).toBe(400)
    expect(res.json().issues).toEqual(
      expect.arrayContaining([
        { path: 'content.staffResources.1.quantity', message: 'Mængden kan ikke være negativ.' },
        { path: 'content.goals.0.indicators.0.rows.0.baseline.share', message: 'En andel skal være mellem 0 og 100 %.' },
      ]),
    )
  })

  it('never lets the application change or delete a saved revision', async () => {
    await expect(t.db.updateTable('agreement_revision').set({ board_decision: 'ændret' }).execute()).rejects.toThrow(/permission denied|never changed/)
    await expect(t.db.deleteFrom('agreement_revision').execute()).rejects.toThrow(/permission denied|never changed/)
  })
})

describe('exports', () => {
  it('writes YAML and JSON that read back as the same file', async () => {
    const { cookie } = await as('jobcenter', [varde.planId])
    for (const format of ['yaml', 'json'] as const) {
      const res = await app.inject({ method: 'GET', url: url(varde, `/export?format=${format}`), headers: { cookie } })
      expect(res.statusCode).toBe(200)
      const parsed = parseAgreementFile(res.body)
      expect(parsed.ok && toYaml(parsed.file)).toBe(toYaml(readSeedAgreement('varde-beskaeftigelse').file))
    }
  })

  it('refuses an unknown format with a Danish message', async () => {
    const { cookie } = await as('jobcenter', [varde.planId])
    const res = await app.inject({ method: 'GET', url: url(varde, '/export?format=odt'), headers: { cookie } })
    expect(res.statusCode).toBe(400)
    expect(res.json().issues).toEqual([{ path: 'format', message: 'Formatet skal være docx, pdf, yaml eller json.' }])
  })
})
