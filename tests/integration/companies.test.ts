import { beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../../src/server/lib/request.ts'
import type { CompanyFigures, CompanyImportPreview, CompanyList, Company } from '../../src/shared/companies.ts'
import { Role } from '../../src/shared/users.ts'
import { login, makePlan, makeUser, testApp } from '../support/app.ts'
import { cvrNumbers } from '../support/companies.ts'
import { testDatabase, type TestDatabase } from '../support/db.ts'
import { isoDay } from '../../src/shared/lib/format.ts'

let t: TestDatabase
let app: App
let sonderborg: string
let varde: string
const cookies = new Map<string, string>()
const userIds = new Map<string, string>()

beforeAll(async () => {
  t = await testDatabase()
  app = await testApp(t.ctx)
  sonderborg = await makePlan(t.ctx, 'Sønderborg')
  varde = await makePlan(t.ctx, 'Varde')
})

async function as(role: Role, planId = sonderborg): Promise<string> {
  const key = `${role}:${planId}`
  if (!cookies.has(key)) {
    const user = await makeUser(t.ctx, role, [planId])
    userIds.set(key, user.id)
    cookies.set(key, await login(app, user))
  }
  return cookies.get(key)!
}

const api = (planId: string, path: string) => `/api/plans/${planId}${path}`

async function createCompany(role: Role, body: Record<string, unknown>, planId = sonderborg) {
  return app.inject({ method: 'POST', url: api(planId, '/companies'), headers: { cookie: await as(role, planId) }, payload: body })
}

async function upload(role: Role, fileName: string, text: string, planId = sonderborg) {
  return app.inject({
    method: 'POST',
    url: api(planId, `/company-imports?fileName=${encodeURIComponent(fileName)}`),
    headers: { cookie: await as(role, planId), 'content-type': 'text/csv' },
    payload: Buffer.from(text, 'utf8'),
  })
}

async function companyCount(planId = sonderborg): Promise<number> {
  return Number((await t.db.selectFrom('company').select((eb) => eb.fn.countAll().as('n')).where('plan_id', '=', planId).executeTakeFirstOrThrow()).n)
}

describe('a company and its CVR number', () => {
  it('registers a company with a real CVR number and shows it on its page', async () => {
    const res = await createCompany('jobcenter', { cvr: '20 16 57 15', name: 'Danfoss A/S', address: 'Nordborgvej 81', postalCode: '6430', city: 'Nordborg', industryCode: '281400', sizeBand: '250+' })
    expect(res.statusCode).toBe(201)
    const page = await app.inject({ method: 'GET', url: api(sonderborg, `/companies/${res.json().id}`), headers: { cookie: await as('boligsocial') } })
    expect(page.statusCode).toBe(200)
    expect(page.json<Company>()).toMatchObject({ cvr: '20165715', name: 'Danfoss A/S', city: 'Nordborg', industryCode: '281400', sizeBand: '250+', inNetworkSince: null })
  })

  it.each([
    ['20165716', 'CVR-nummeret "20165716" findes ikke: kontrolcifferet passer ikke. Tjek, at alle cifre er skrevet rigtigt.'],
    ['2016571', 'CVR-nummeret "2016571" skal være 8 cifre.'],
    ['02016571', 'CVR-nummeret "02016571" kan ikke begynde med 0.'],
  ])('refuses the CVR number %s with a Danish message at the field', async (cvr, message) => {
    const res = await createCompany('jobcenter', { cvr, name: 'Forkert ApS' })
    expect(res.statusCode).toBe(400)
    expect(res.json().issues).toContainEqual({ path: 'cvr', message })
  })

  it('refuses a CVR number already in the plan, naming the company that has it', async () => {
    await createCompany('jobcenter', { cvr: '24256790', name: 'Novo Nordisk A/S' })
    const res = await createCompany('projektleder', { cvr: '24256790', name: 'Novo' })
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toBe('CVR-nummeret 24256790 er allerede registreret i helhedsplanen for Novo Nordisk A/S.')
  })

  it('lets another plan register the same CVR number: each plan keeps its own list', async () => {
    const res = await createCompany('jobcenter', { cvr: '24256790', name: 'Novo Nordisk A/S' }, varde)
    expect(res.statusCode).toBe(201)
  })
})

describe('who may do what with companies', () => {
  let company: string
  beforeAll(async () => {
    company = (await createCompany('jobcenter', { cvr: '61056416', name: 'Carlsberg A/S' })).json().id
    await app.inject({ method: 'POST', url: api(sonderborg, `/companies/${company}/contacts`), headers: { cookie: await as('jobcenter') }, payload: { name: 'Mette Hansen', jobTitle: 'HR-partner', phone: '74 42 12 34', email: 'mette@example.dk' } })
  })

  it.each([
    ['projektleder', 200, 201],
    ['boligsocial', 200, 201],
    ['jobcenter', 200, 201],
    ['admin', 200, 403],
    ['bestyrelse', 403, 403],
  ] as const)('gives a %s on the plan the company list %i and registering %i', async (role, read, create) => {
    const list = await app.inject({ method: 'GET', url: api(sonderborg, '/companies'), headers: { cookie: await as(role) } })
    expect(list.statusCode).toBe(read)
    const cvr = cvrNumbers(1, 4_100_000 + Role.options.indexOf(role) * 10)[0]!
    expect((await createCompany(role, { cvr, name: `Ny virksomhed ${role}` })).statusCode).toBe(create)
  })

  it.each(Role.options)('refuses a %s on another plan the company list and page', async (role) => {
    const cookie = await as(role, varde)
    expect((await app.inject({ method: 'GET', url: api(sonderborg, '/companies'), headers: { cookie } })).statusCode).toBe(403)
    expect((await app.inject({ method: 'GET', url: api(sonderborg, `/companies/${company}`), headers: { cookie } })).statusCode).toBe(403)
  })

  it.each(['projektleder', 'boligsocial', 'jobcenter', 'admin'] as const)('shows a %s the contact people and logs the read with their ids', async (role) => {
    const res = await app.inject({ method: 'GET', url: api(sonderborg, `/companies/${company}/contacts`), headers: { cookie: await as(role) } })
    expect(res.statusCode).toBe(200)
    const contacts = res.json().contacts as { id: string; name: string }[]
    expect(contacts.map((c) => c.name)).toEqual(['Mette Hansen'])
    const logged = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_id', '=', userIds.get(`${role}:${sonderborg}`)!)
      .where('action', '=', 'read')
      .where('entity', '=', 'company-contact')
      .executeTakeFirstOrThrow()
    expect(logged.entity_id).toBe(company)
    expect((logged.details as { ids: string[] }).ids).toEqual(contacts.map((c) => c.id))
  })

  it('names the company in the audit trail of who read its contact people', async () => {
    const admin = await login(app, await makeUser(t.ctx, 'admin'))
    const res = await app.inject({ method: 'GET', url: '/api/audit-log?entity=company-contact&action=read', headers: { cookie: admin } })
    expect(res.statusCode).toBe(200)
    const entries = res.json().entries as { entityName: string; entityLabel: string }[]
    expect(entries.length).toBeGreaterThan(0)
    expect(entries.every((e) => e.entityName === 'Carlsberg A/S' && e.entityLabel === 'Kontaktperson i en virksomhed')).toBe(true)
  })

  it('never shows a board member the contact people', async () => {
    const res = await app.inject({ method: 'GET', url: api(sonderborg, `/companies/${company}/contacts`), headers: { cookie: await as('bestyrelse') } })
    expect(res.statusCode).toBe(403)
    expect(res.body).not.toContain('Mette')
  })

  it.each([
    ['projektleder', 201],
    ['boligsocial', 201],
    ['jobcenter', 201],
    ['admin', 403],
    ['bestyrelse', 403],
  ] as const)('lets a %s record a contact and an opening: %i', async (role, status) => {
    const cookie = await as(role)
    const visit = await app.inject({ method: 'POST', url: api(sonderborg, `/companies/${company}/contact-events`), headers: { cookie }, payload: { kind: 'visit', happenedOn: '2026-01-10', note: 'Rundvisning' } })
    expect(visit.statusCode).toBe(status)
    const opening = await app.inject({ method: 'POST', url: api(sonderborg, `/companies/${company}/openings`), headers: { cookie }, payload: { kind: 'virksomhedspraktik', title: 'Lager', places: 1 } })
    expect(opening.statusCode).toBe(status)
  })

  it.each([
    ['projektleder', 204],
    ['boligsocial', 403],
    ['jobcenter', 403],
    ['admin', 403],
    ['bestyrelse', 403],
  ] as const)('lets only the project leader name the CSR winner: %s gets %i', async (role, status) => {
    const nomination = await t.db.selectFrom('csr_nomination').select('id').where('company_id', '=', company).executeTakeFirst()
    const id =
      nomination?.id ??
      (await app.inject({ method: 'POST', url: api(sonderborg, `/companies/${company}/csr-nominations`), headers: { cookie: await as('jobcenter') }, payload: { year: 2025, reason: 'Tre praktikker' } })).json().id
    const res = await app.inject({ method: 'POST', url: api(sonderborg, `/csr-nominations/${id}/winner`), headers: { cookie: await as(role) } })
    expect(res.statusCode).toBe(status)
  })

  it.each(Role.options)('lets a %s on the plan read the company figures', async (role) => {
    const res = await app.inject({ method: 'GET', url: api(sonderborg, '/company-figures?from=2026-01-01&to=2026-12-31'), headers: { cookie: await as(role) } })
    expect(res.statusCode).toBe(200)
    // Readers outside the team that does the work (the board, an external partner) get small numbers hidden.
    expect(res.json<CompanyFigures>().suppressed).toBe(['bestyrelse', 'samarbejdspartner'].includes(role))
  })
})

describe('importing a list of companies', () => {
  const header = 'CVR-nummer;Navn;Adresse;Postnummer;By;Branchekode;Branche;Ansatte'
  const numbers = cvrNumbers(40, 5_000_000)
  const line = (cvr: string, i: number) => `${cvr};Virksomhed ${i + 1} ApS;Perlegade ${i + 1};6400;Sønderborg;471100;Detailhandel;${i + 1}`

  it('reports a CVR number twice and an invalid one by row and column, and saves nothing', async () => {
    const lines = numbers.map(line)
    lines[20] = line(numbers[5]!, 20) // row 22 repeats row 7
    lines[30] = line('12345678', 30) // row 32: fails the check
    const before = await companyCount()
    const res = await upload('jobcenter', 'virksomheder.csv', [header, ...lines].join('\n'))
    expect(res.statusCode).toBe(201)
    const preview = res.json<CompanyImportPreview>()
    expect(preview.problems).toEqual([
      { row: 22, column: 'A (CVR-nummer)', sheet: null, message: `CVR-nummeret ${numbers[5]} står også i række 7 (Virksomhed 6 ApS). En virksomhed kan kun stå én gang: slet den ene række.` },
      { row: 32, column: 'A (CVR-nummer)', sheet: null, message: 'CVR-nummeret "12345678" findes ikke: kontrolcifferet passer ikke. Tjek, at alle cifre er skrevet rigtigt.' },
    ])
    const commit = await app.inject({ method: 'POST', url: api(sonderborg, `/company-imports/${preview.importId}/commit`), headers: { cookie: await as('jobcenter') } })
    expect(commit.statusCode).toBe(400)
    expect(commit.json().message).toBe('Filen har fejl. Ret dem, og indlæs filen igen. Intet er gemt.')
    expect(await companyCount()).toBe(before)
  })

  it('saves every company of the fixed file at once, and finds them as duplicates in the next file', async () => {
    const before = await companyCount()
    const res = await upload('jobcenter', 'virksomheder.csv', [header, ...numbers.map(line)].join('\n'))
    const preview = res.json<CompanyImportPreview>()
    expect(preview.problems).toEqual([])
    expect(preview.rowCount).toBe(40)
    expect(preview.rows[0]).toEqual({ row: 2, cvr: numbers[0], name: 'Virksomhed 1 ApS', city: 'Sønderborg', industry: 'Detailhandel' })
    const commit = await app.inject({ method: 'POST', url: api(sonderborg, `/company-imports/${preview.importId}/commit`), headers: { cookie: await as('jobcenter') } })
    expect(commit.statusCode).toBe(200)
    expect(commit.json()).toEqual({ created: 40 })
    expect(await companyCount()).toBe(before + 40)
    const audit = await t.db.selectFrom('audit_log').select(['entity', 'entity_id']).where('entity', '=', 'company-import').execute()
    expect(audit).toEqual([{ entity: 'company-import', entity_id: preview.importId }])

    const again = (await upload('boligsocial', 'igen.csv', [header, line(numbers[3]!, 3)].join('\n'))).json<CompanyImportPreview>()
    expect(again.problems).toEqual([
      { row: 2, column: 'A (CVR-nummer)', sheet: null, message: `CVR-nummeret ${numbers[3]} er allerede registreret i helhedsplanen for Virksomhed 4 ApS. Slet rækken, eller ret CVR-nummeret.` },
    ])
  })

  it('says which heading is missing', async () => {
    const preview = (await upload('jobcenter', 'uden-cvr.csv', 'Navn;By\nBageriet;Sønderborg')).json<CompanyImportPreview>()
    expect(preview.problems).toEqual([{ row: 1, column: null, sheet: null, message: 'Overskriftsrækken mangler kolonnen CVR-nummer. Filen skal have en overskriftsrække med mindst kolonnerne CVR-nummer og Navn (se vejledningen til virksomhedslister).' }])
  })

  it('refuses a board member the import', async () => {
    expect((await upload('bestyrelse', 'virksomheder.csv', header)).statusCode).toBe(403)
  })
})

describe('the list, the network and the figures', () => {
  let plan: string
  let ids: string[]
  beforeAll(async () => {
    plan = await makePlan(t.ctx, 'Aabenraa')
    const numbers = cvrNumbers(6, 6_000_000)
    ids = []
    for (const [i, cvr] of numbers.entries()) {
      const res = await createCompany('jobcenter', { cvr, name: ['Bageriet Als', 'Cykelhandleren', 'Als Tømrer', 'Dagligvarer Nord', 'El-Service', 'Frisøren'][i], city: i < 3 ? 'Sønderborg' : 'Nordborg' }, plan)
      ids.push(res.json().id)
    }
  })

  it('searches by name, CVR and city, and filters on the network', async () => {
    const cookie = await as('boligsocial', plan)
    const get = async (query: string) => (await app.inject({ method: 'GET', url: api(plan, `/companies?${query}`), headers: { cookie } })).json<CompanyList>()
    expect((await get('q=als')).companies.map((c) => c.name)).toEqual(['Als Tømrer', 'Bageriet Als'])
    expect((await get('q=nordborg')).total).toBe(3)
    expect((await get('pageSize=2&page=2')).companies.map((c) => c.name)).toEqual(['Cykelhandleren', 'Dagligvarer Nord'])
    // A page past the end still says how many there are.
    const past = await get('pageSize=2&page=9')
    expect([past.companies, past.total]).toEqual([[], 6])

    for (const id of ids.slice(0, 5)) {
      const res = await app.inject({ method: 'POST', url: api(plan, `/companies/${id}/network`), headers: { cookie: await as('jobcenter', plan) }, payload: { inNetwork: true, on: '2026-02-01' } })
      expect(res.statusCode).toBe(204)
    }
    expect((await get('inNetwork=true')).total).toBe(5)
    expect((await get('inNetwork=false')).companies.map((c) => c.name)).toEqual(['Frisøren'])
  })

  it('refuses to put a company in the network twice', async () => {
    const res = await app.inject({ method: 'POST', url: api(plan, `/companies/${ids[0]}/network`), headers: { cookie: await as('jobcenter', plan) }, payload: { inNetwork: true, on: '2026-03-01' } })
    expect(res.statusCode).toBe(409)
    expect(res.json().message).toBe('Virksomheden er allerede i netværket (siden 1. februar 2026).')
  })

  it('counts the network on the last day, active companies and openings by kind; the board gets small numbers hidden', async () => {
    const cookie = await as('jobcenter', plan)
    // One company leaves the network on 1 June: 4 left at the end of the year.
    await app.inject({ method: 'POST', url: api(plan, `/companies/${ids[4]}/network`), headers: { cookie }, payload: { inNetwork: false, on: '2026-06-01' } })
    for (const [id, day] of [
      [ids[0], '2026-03-01'],
      [ids[0], '2026-04-01'],
      [ids[1], '2026-05-01'],
    ] as const) {
      await app.inject({ method: 'POST', url: api(plan, `/companies/${id}/contact-events`), headers: { cookie }, payload: { kind: 'call', happenedOn: day } })
    }
    for (const kind of ['virksomhedspraktik', 'virksomhedspraktik', 'smaajob']) {
      await app.inject({ method: 'POST', url: api(plan, `/companies/${ids[2]}/openings`), headers: { cookie }, payload: { kind, title: 'Plads' } })
    }
    const today = isoDay(new Date())
    const staff = (await app.inject({ method: 'GET', url: api(plan, `/company-figures?from=2026-01-01&to=${today > '2026-12-31' ? today : '2026-12-31'}`), headers: { cookie: await as('projektleder', plan) } })).json<CompanyFigures>()
    expect(staff.inNetwork).toEqual({ value: 4, hidden: false })
    expect(staff.active).toEqual({ value: 2, hidden: false })
    expect(staff.openingsByKind.filter((k) => k.count.value! > 0).map((k) => [k.kind, k.count.value])).toEqual([
      ['virksomhedspraktik', 2],
      ['smaajob', 1],
    ])
    expect(staff.openingsTotal).toEqual({ value: 3, hidden: false })

    const board = (await app.inject({ method: 'GET', url: api(plan, `/company-figures?from=2026-01-01&to=${today > '2026-12-31' ? today : '2026-12-31'}`), headers: { cookie: await as('bestyrelse', plan) } })).json<CompanyFigures>()
    expect(board.inNetwork).toEqual({ value: null, hidden: true })
    expect(board.active).toEqual({ value: null, hidden: true })
    expect(board.openingsTotal).toEqual({ value: null, hidden: true })
    // A zero points at no company, so it is shown.
    expect(board.openingsByKind.find((k) => k.kind === 'fritidsjob')!.count).toEqual({ value: 0, hidden: false })
  })

  it('shows the contact on the timeline with who recorded it and for which party', async () => {
    const page = (await app.inject({ method: 'GET', url: api(plan, `/companies/${ids[0]}`), headers: { cookie: await as('projektleder', plan) } })).json<Company>()
    expect(page.timeline.map((e) => [e.kind, e.happenedOn])).toEqual([
      ['call', '2026-04-01'],
      ['call', '2026-03-01'],
    ])
    expect(page.timeline[0]!.by).toMatch(/^jobcenter /)
    // The job-centre user acts for the plan's job-centre party.
    expect(page.timeline[0]!.party).toBe('Jobcentret')
  })
})

describe('the CSR award', () => {
  it('keeps one winner per year, shown on the company page', async () => {
    const plan = await makePlan(t.ctx, 'Haderslev')
    const [a, b] = await Promise.all(cvrNumbers(2, 7_000_000).map(async (cvr, i) => (await createCompany('jobcenter', { cvr, name: i === 0 ? 'Alfa A/S' : 'Beta A/S' }, plan)).json().id as string))
    const nominate = async (company: string) =>
      (await app.inject({ method: 'POST', url: api(plan, `/companies/${company}/csr-nominations`), headers: { cookie: await as('jobcenter', plan) }, payload: { year: 2026, reason: 'Har taget fire beboere i praktik' } })).json().id as string
    const [na, nb] = [await nominate(a!), await nominate(b!)]
    const twice = await app.inject({ method: 'POST', url: api(plan, `/companies/${a}/csr-nominations`), headers: { cookie: await as('jobcenter', plan) }, payload: { year: 2026, reason: 'Igen' } })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().message).toBe('Alfa A/S er allerede indstillet til CSR-prisen for 2026.')

    const leader = await as('projektleder', plan)
    await app.inject({ method: 'POST', url: api(plan, `/csr-nominations/${na}/winner`), headers: { cookie: leader } })
    await app.inject({ method: 'POST', url: api(plan, `/csr-nominations/${nb}/winner`), headers: { cookie: leader } })
    const awards = (await app.inject({ method: 'GET', url: api(plan, '/csr-awards'), headers: { cookie: leader } })).json()
    expect(awards.years).toHaveLength(1)
    expect(awards.years[0].winnerId).toBe(nb)
    expect(awards.years[0].nominations.filter((n: { winner: boolean }) => n.winner).map((n: { companyName: string }) => n.companyName)).toEqual(['Beta A/S'])
    const page = (await app.inject({ method: 'GET', url: api(plan, `/companies/${b}`), headers: { cookie: leader } })).json<Company>()
    expect(page.nominations).toEqual([expect.objectContaining({ year: 2026, winner: true, reason: 'Har taget fire beboere i praktik' })])
  })
})
