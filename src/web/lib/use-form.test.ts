import { describe, expect, it } from 'vitest'
import { defaultMessages } from '../../shared/errors.ts'
import { ApiError } from './api.ts'
import type { Checked, FieldErrors } from './form-errors.ts'
import { bindField, type Failure, type SubmitSteps, readFailure, runSubmit, summaryOf } from './use-form.ts'

const fields = ['name', 'email', 'planIds'] as const
const fieldId = (field: (typeof fields)[number]) => `new-${field}`
const summarise = (errors: FieldErrors) => summaryOf(errors, fields, fieldId)

describe('summaryOf', () => {
  it('lists the problems in the order of the form, linking to each field', () => {
    expect(summarise({ planIds: 'Vælg en plan.', name: 'Skriv et navn.' })).toEqual([
      { fieldId: 'new-name', message: 'Skriv et navn.' },
      { fieldId: 'new-planIds', message: 'Vælg en plan.' },
    ])
  })

  it('leaves out messages about fields the form does not have', () => {
    expect(summarise({ role: 'Vælg en rolle.' })).toEqual([])
  })
})

describe('readFailure', () => {
  it("puts the server's validation issues at the fields they name", () => {
    const error = new ApiError('validation', defaultMessages.validation, 400, [
      { path: 'email', message: 'Adressen er ugyldig.' },
      { path: 'planIds.0', message: 'Planen findes ikke.' },
    ])
    expect(readFailure(error, { summarise })).toEqual({ errors: { email: 'Adressen er ugyldig.', planIds: 'Planen findes ikke.' } })
  })

  it("shows the server's message above the form when its issues name no field on it", () => {
    const error = new ApiError('validation', 'Helhedsplanen registrerer ikke CPR-numre.', 400, [{ path: 'cpr', message: 'CPR-numre er slået fra.' }])
    expect(readFailure(error, { summarise })).toEqual({ failure: { code: 'validation', message: 'Helhedsplanen registrerer ikke CPR-numre.' } })
  })

  it('puts a code the form ties to a field at that field', () => {
    const error = new ApiError('conflict', 'Der findes allerede en bruger med den e-mail.', 409)
    expect(readFailure(error, { summarise, fieldFor: { conflict: 'email' } })).toEqual({ errors: { email: 'Der findes allerede en bruger med den e-mail.' } })
  })

  it('reads issues through the form’s own mapping when it has one', () => {
    const error = new ApiError('validation', defaultMessages.validation, 400, [{ path: 'content.goals.0.text', message: 'Skriv delmålet.' }])
    const byPath = (errors: FieldErrors) => Object.entries(errors).map(([path, message]) => ({ fieldId: path, message }))
    const fromIssues = (issues: { path: string; message: string }[]) => Object.fromEntries(issues.map((i) => [i.path, i.message]))
    expect(readFailure(error, { summarise: byPath, fromIssues })).toEqual({ errors: { 'content.goals.0.text': 'Skriv delmålet.' } })
  })

  it("keeps the server's code and message for a failure no field explains", () => {
    const error = new ApiError('network', 'Indsats kan ikke nås lige nu.', 0)
    expect(readFailure(error, { summarise })).toEqual({ failure: { code: 'network', message: 'Indsats kan ikke nås lige nu.' } })
  })

  it('says something went wrong, in Danish, for an error that is not from the server', () => {
    expect(readFailure(new TypeError('x is undefined'), { summarise })).toEqual({ failure: { code: 'internal', message: defaultMessages.internal } })
  })
})

describe('runSubmit', () => {
  function recorder(busyUntilGone = false) {
    const log: string[] = []
    const state = { busy: false, errors: {} as FieldErrors, failure: null as Omit<Failure, 'seq'> | null, notice: null as unknown }
    const steps: SubmitSteps<{ heading: string }> = {
      clear: () => {
        state.failure = null
        state.notice = null
      },
      show: (errors, found) => {
        state.errors = errors
        log.push(`show ${found} ${Object.keys(errors).join(',')}`)
      },
      fail: (failure) => {
        state.failure = failure
      },
      succeed: (notice) => {
        state.notice = notice ?? null
      },
      setBusy: (busy) => {
        state.busy = busy
        log.push(`busy ${busy}`)
      },
      read: (error) => readFailure(error, { summarise }),
      busyUntilGone,
    }
    return { log, state, steps }
  }
  const valid = (): Checked<string> => ({ body: 'body' })

  it('sends nothing when the form finds a problem first', async () => {
    const { state, steps } = recorder()
    let sent = 0
    await runSubmit({ current: false }, steps, () => ({ errors: { name: 'Skriv et navn.' } }), async () => void sent++)
    expect(sent).toBe(0)
    expect(state.errors).toEqual({ name: 'Skriv et navn.' })
    expect(state.busy).toBe(false)
  })

  it('sends once, however often the user submits while the request is out', async () => {
    const { steps } = recorder()
    const sending = { current: false }
    let sent = 0
    let answer!: () => void
    const send = () => {
      sent++
      return new Promise<void>((resolve) => (answer = resolve))
    }
    const first = runSubmit(sending, steps, valid, send)
    await runSubmit(sending, steps, valid, send)
    await runSubmit(sending, steps, valid, send)
    answer()
    await first
    expect(sent).toBe(1)
    await runSubmit(sending, steps, valid, async () => void sent++)
    expect(sent).toBe(2)
  })

  it('clears the old messages, is busy while sending and ready again after', async () => {
    const { log, state, steps } = recorder()
    await runSubmit({ current: false }, steps, valid, async () => ({ heading: 'Gemt' }))
    expect(log).toEqual(['show before-sending ', 'busy true', 'busy false'])
    expect(state.notice).toEqual({ heading: 'Gemt' })
  })

  it("shows the server's issues at the fields and nothing above the form", async () => {
    const { state, steps } = recorder()
    await runSubmit({ current: false }, steps, valid, async () => {
      throw new ApiError('validation', defaultMessages.validation, 400, [{ path: 'email', message: 'Adressen er i brug.' }])
    })
    expect(state.errors).toEqual({ email: 'Adressen er i brug.' })
    expect(state.failure).toBeNull()
    expect(state.busy).toBe(false)
  })

  it('shows a failure above the form and lets the user try again', async () => {
    const { state, steps } = recorder(true)
    const sending = { current: false }
    await runSubmit(sending, steps, valid, async () => {
      throw new ApiError('internal', defaultMessages.internal, 500)
    })
    expect(state.failure).toEqual({ code: 'internal', message: defaultMessages.internal })
    expect(state.busy).toBe(false)
    expect(sending.current).toBe(false)
  })

  it('leaves an error the form answers itself to the form, and is ready again', async () => {
    const { state, steps } = recorder(true)
    const answered: unknown[] = []
    const full = new ApiError('capacity_full', 'Aktiviteten er fuld.', 409)
    steps.read = (error) => (error === full ? (answered.push(error), null) : readFailure(error, { summarise }))
    await runSubmit({ current: false }, steps, valid, async () => {
      throw full
    })
    expect(answered).toEqual([full])
    expect(state.failure).toBeNull()
    expect(state.errors).toEqual({})
    expect(state.busy).toBe(false)
  })

  it('stays busy after a success when the form is about to go away', async () => {
    const { state, steps } = recorder(true)
    const sending = { current: false }
    let sent = 0
    await runSubmit(sending, steps, valid, async () => void sent++)
    await runSubmit(sending, steps, valid, async () => void sent++)
    expect(state.busy).toBe(true)
    expect(sent).toBe(1)
  })
})

describe('bindField', () => {
  const form = { errors: { email: 'Skriv en e-mailadresse.' } as FieldErrors, idOf: (field: string) => `new-${field}` }

  it("gives a field the form's id and message and the text it holds", () => {
    const binding = bindField('email', form, { name: 'Ane', email: '' }, () => {})
    expect(binding).toMatchObject({ id: 'new-email', value: '', error: 'Skriv en e-mailadresse.' })
    expect(bindField('name', form, { name: 'Ane', email: '' }, () => {})).toMatchObject({ id: 'new-name', value: 'Ane', error: undefined })
  })

  it('hands what the user types to the field it belongs to', () => {
    const typed: [string, string][] = []
    bindField('name', form, { name: '', email: '' }, (field, value) => typed.push([field, value])).onChange({ target: { value: 'Bo' } })
    expect(typed).toEqual([['name', 'Bo']])
  })
})
