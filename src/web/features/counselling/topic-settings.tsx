import { useState } from 'react'
import { TopicCreate } from '../../../shared/counselling.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { FormProblems } from '../../components/ui/form-problems.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TextField } from '../../components/ui/text-field.tsx'
import { messageOf } from '../../lib/api.ts'
import { checked } from '../../lib/form-errors.ts'
import { useForm, useFormValues } from '../../lib/use-form.ts'
import { useResource } from '../../lib/use-resource.ts'
import { addTopic, readTopics, retireTopic } from './counselling.api.ts'

/** The plan's list of inquiry topics, for the project leader: add one, or take one out of use. */
export function TopicSettings({ planId }: { planId: string }) {
  const topics = useResource((signal) => readTopics(planId, signal), [planId])
  const [error, setError] = useState<string | null>(null)
  const form = useForm<'label', { text: string }>({ fieldIds: { label: 'topic-label' }, focusField: true })
  const { values, set, field } = useFormValues(form, { label: '' })
  const submit = form.handle(
    () => checked(TopicCreate, { label: values.label }),
    async (body) => {
      await addTopic(planId, body.label)
      set('label', '')
      topics.reload()
      return { text: `»${body.label}« er tilføjet.` }
    },
  )
  const toggle = async (id: string, retired: boolean) => {
    setError(null)
    try {
      await retireTopic(planId, id, retired)
      topics.reload()
    } catch (e) {
      setError(messageOf(e))
    }
  }
  return (
    <details className="counselling-section">
      <summary>Emner for henvendelser</summary>
      <p className="counselling-hint">Emnerne er knapperne ved åbningstiden. Et emne, der tages ud af brug, forsvinder fra knapperne; henvendelser, der allerede er registreret, beholder det.</p>
      {error && (
        <Alert variant="error" heading="Emnet blev ikke ændret" headingLevel={3}>
          <p>{error}</p>
        </Alert>
      )}
      {topics.status === 'loading' && <Spinner label="Henter emnerne …" />}
      {topics.status === 'ready' && (
        <ul className="nobullet-list">
          {topics.data.topics.map((t) => (
            <li key={t.id} className="counselling-topic-row">
              {t.label}
              {t.retired ? ' (ikke i brug)' : ''}{' '}
              <button type="button" className="button button-tertiary" onClick={() => void toggle(t.id, !t.retired)}>
                {t.retired ? 'Tag i brug' : 'Tag ud af brug'}
                <span className="sr-only">: {t.label}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate aria-label="Tilføj et emne">
        {form.done && (
          <Alert key={form.done.seq} variant="success" heading="Emnet er tilføjet" headingLevel={3}>
            <p>{form.done.text}</p>
          </Alert>
        )}
        <FormProblems form={form} heading="Emnet blev ikke tilføjet" headingLevel={3} />
        <TextField {...field('label')} label="Nyt emne" maxLength={80} autoComplete="off" width="input-width-m" />
        <button type="submit" className="button button-secondary mt-5" disabled={form.busy}>
          Tilføj emne
        </button>
      </form>
    </details>
  )
}
