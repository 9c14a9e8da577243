import { useState } from 'react'
import { type UserCreated, type UserDto, roleLabels } from '../../../shared/users.ts'
import { formatCount } from '../../../shared/lib/format.ts'
import { needsSecondFactor } from '../../../shared/permissions.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx'
import { LoadError } from '../../components/ui/load-error.tsx'
import { Page } from '../../components/ui/page.tsx'
import { Spinner } from '../../components/ui/spinner.tsx'
import { TableScroller } from '../../components/ui/table-scroller.tsx'
import { messageOf } from '../../lib/api.ts'
import { useResource } from '../../lib/use-resource.ts'
import { useCurrentUser } from '../auth/session.tsx'
import { listPlans } from '../plans/plans.api.ts'
import { CreateUserForm } from './create-user-form.tsx'
import { disableUser, enableUser, listUsers, resetPassword, resetSecondFactor } from './users.api.ts'
import { TableHead } from '../../components/ui/table-head.tsx'

type Outcome =
  | { kind: 'password-mailed'; heading: string; sent: UserCreated }
  | { kind: 'done'; heading: string; text: string }
  | { kind: 'failed'; heading: string; text: string }

type Action = 'disable' | 'enable' | 'reset' | 'second-factor'
type Pending = { action: Action; user: UserDto }

const failedHeading: Record<Action, string> = {
  disable: 'Brugeren blev ikke deaktiveret',
  enable: 'Brugeren blev ikke genaktiveret',
  reset: 'Adgangskoden blev ikke nulstillet',
  'second-factor': 'Totrinsbekræftelsen blev ikke nulstillet',
}

export function UsersPage() {
  const me = useCurrentUser()
  const data = useResource(async (signal) => {
    const [users, plans] = await Promise.all([listUsers(signal), listPlans(signal)])
    return { users: users.users, plans: plans.plans }
  }, [])
  const [outcome, setOutcome] = useState<(Outcome & { seq: number }) | null>(null)
  const [pending, setPending] = useState<Pending | null>(null)
  const [editing, setEditing] = useState<UserDto | null>(null)
  const [busy, setBusy] = useState(false)

  const show = (next: Outcome) => setOutcome((previous) => ({ ...next, seq: (previous?.seq ?? 0) + 1 }))

  async function confirm() {
    if (!pending) return
    setBusy(true)
    const { action, user } = pending
    try {
      if (action === 'disable') {
        await disableUser(user.id)
        show({ kind: 'done', heading: `${user.name} er deaktiveret`, text: 'Brugeren er logget ud og kan ikke længere logge ind.' })
      } else if (action === 'enable') {
        await enableUser(user.id)
        show({ kind: 'done', heading: `${user.name} er genaktiveret`, text: 'Brugeren kan logge ind igen med sin hidtidige adgangskode.' })
      } else if (action === 'second-factor') {
        await resetSecondFactor(user.id)
        show({ kind: 'done', heading: `Totrinsbekræftelsen for ${user.name} er nulstillet`, text: 'Brugeren er logget ud og sætter en ny godkendelsesapp op ved næste login.' })
      } else {
        const result = await resetPassword(user.id)
        show({ kind: 'password-mailed', heading: `${user.name} har fået en ny engangskode`, sent: result })
      }
      data.reload()
    } catch (error) {
      show({ kind: 'failed', heading: failedHeading[action], text: messageOf(error) })
    } finally {
      setBusy(false)
      setPending(null)
    }
  }

  return (
    <Page title="Brugere" lead="Opret brugere, giv dem adgang til helhedsplaner, og luk adgangen igen, når de ikke skal bruge Indsats længere.">
      {outcome && <OutcomeAlert key={outcome.seq} outcome={outcome} onClose={() => setOutcome(null)} />}

      {data.status === 'loading' && <Spinner label="Henter brugere …" />}
      {data.status === 'failed' && <LoadError message={messageOf(data.error)} onRetry={data.reload} />}
      {data.status === 'ready' && (
        <>
          <h2 id="users-heading">Alle brugere</h2>
          <p>{formatCount(data.data.users.length, 'bruger', 'brugere')}</p>
          {editing && (
            <section aria-labelledby="edit-user-heading" className="mb-8">
              <h2 id="edit-user-heading">Ret {editing.name}</h2>
              <p>Ændres rollen, eller mister brugeren en helhedsplan eller en part, bliver brugeren logget ud med det samme og skal logge ind igen.</p>
              <div className="row">
                <div className="col-12 col-lg-8">
                  <CreateUserForm
                    key={editing.id}
                    plans={data.data.plans}
                    organisations={[...new Set(data.data.users.map((u) => u.organisation.name))].sort((a, b) => a.localeCompare(b, 'da'))}
                    user={editing}
                    onCancel={() => setEditing(null)}
                    onSaved={(user, sessionsEnded) => {
                      setEditing(null)
                      show({
                        kind: 'done',
                        heading: `${user.name} er ændret`,
                        text: sessionsEnded ? 'Brugeren har fået færre rettigheder og er logget ud. Ændringen gælder fra næste login.' : 'Ændringen gælder med det samme.',
                      })
                      data.reload()
                    }}
                  />
                </div>
              </div>
            </section>
          )}
          <UsersTable users={data.data.users} meId={me.id} onAction={(action, user) => setPending({ action, user })} onEdit={setEditing} />

          <h2 id="create-user-heading" className="mt-8">
            Opret bruger
          </h2>
          <p>
            Brugeren får en engangskode på e-mail. Ved første login vælger brugeren sin egen adgangskode. Får brugeren adgang til beboere på en
            helhedsplan, får planens projektleder besked.
          </p>
          <div className="row">
            <div className="col-12 col-lg-8">
              <CreateUserForm
                plans={data.data.plans}
                organisations={[...new Set(data.data.users.map((u) => u.organisation.name))].sort((a, b) => a.localeCompare(b, 'da'))}
                onCreated={(created) => {
                  show({ kind: 'password-mailed', heading: `${created.user.name} er oprettet`, sent: created })
                  data.reload()
                }}
              />
            </div>
          </div>
        </>
      )}

      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.action === 'disable'
            ? `Deaktivér ${pending.user.name}?`
            : pending?.action === 'enable'
              ? `Genaktivér ${pending.user.name}?`
              : pending?.action === 'second-factor'
              ? `Nulstil totrinsbekræftelsen for ${pending.user.name}?`
              : `Nulstil adgangskoden for ${pending?.user.name ?? ''}?`
        }
        confirmLabel={pending?.action === 'disable' ? 'Ja, deaktivér brugeren' : pending?.action === 'enable' ? 'Ja, genaktivér brugeren' : pending?.action === 'second-factor' ? 'Ja, nulstil totrinsbekræftelsen' : 'Ja, nulstil adgangskoden'}
        destructive={pending?.action === 'disable'}
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        {pending?.action === 'enable' ? (
          <p>
            {pending.user.name} ({pending.user.email}) kan logge ind igen med sin hidtidige adgangskode og får igen adgang til sine
            helhedsplaner. Genaktiveringen skrives i revisionssporet.
          </p>
        ) : pending?.action === 'second-factor' ? (
          <p>
            {pending.user.name} bliver logget ud med det samme, og godkendelsesappen og gendannelseskoderne holder op med at virke. Ved næste
            login sætter brugeren en ny app op. Gør det kun, når du har sikret dig, at det er brugeren selv, der har mistet sin telefon.
          </p>
        ) : pending?.action === 'disable' ? (
          <p>
            {pending.user.name} ({pending.user.email}) bliver logget ud med det samme og kan ikke længere logge ind. Brugerens historik i
            revisionssporet bevares.
          </p>
        ) : (
          <p>
            {pending?.user.name} får en ny engangskode på e-mail og skal vælge en ny adgangskode ved næste login. En deaktiveret bruger forbliver
            deaktiveret, til du genaktiverer brugeren.
          </p>
        )}
      </ConfirmDialog>
    </Page>
  )
}

function OutcomeAlert({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  if (outcome.kind === 'failed') {
    return (
      <Alert variant="error" heading={outcome.heading} focusOnMount onClose={onClose}>
        <p>{outcome.text}</p>
      </Alert>
    )
  }
  if (outcome.kind === 'done') {
    return (
      <Alert variant="success" heading={outcome.heading} focusOnMount onClose={onClose}>
        <p>{outcome.text}</p>
      </Alert>
    )
  }
  // The administrator never sees the one-time password (issue 13, finding 9): it went to the user.
  return (
    <Alert variant="success" heading={outcome.heading} focusOnMount onClose={onClose}>
      <p>
        Engangskoden er sendt til {outcome.sent.passwordSentTo}. Koden vises ikke her: kun brugeren selv kan logge ind med den.
      </p>
      {outcome.sent.mailDelivery === 'file' && (
        <p>Indsats har ingen mailserver sat op, så e-mailen ligger i mappen mail i Indsats' datamappe. Bed driften om at sende den videre.</p>
      )}
    </Alert>
  )
}

function UsersTable({ users, meId, onAction, onEdit }: { users: UserDto[]; meId: string; onAction: (action: Action, user: UserDto) => void; onEdit: (user: UserDto) => void }) {
  return (
    <TableScroller label="Alle brugere">
      <table className="table table--zebra users-table" aria-labelledby="users-heading">
        <TableHead columns={['Navn', 'Rolle', 'Organisation', 'Helhedsplaner', 'Status', 'Handlinger']} />
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row" className="weight-normal">
                <span className="weight-semibold">{user.name}</span>
                {user.id === meId && ' (dig)'}
                <br />
                <span className="small-text">{user.email}</span>
              </th>
              <td>{roleLabels[user.role]}</td>
              <td>{user.organisation.name}</td>
              <td>
                {user.plans.length === 0 ? (
                  <span className="small-text">Ingen</span>
                ) : (
                  <ul className="nobullet-list plan-names">
                    {user.plans.map((plan) => (
                      <li key={plan.id}>
                        {plan.name} <span className="small-text">({plan.municipality})</span>
                        {plan.party && <span className="small-text cell-line">Part: {plan.party.name}</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                {statusOf(user)}
                {needsSecondFactor(user.role) && <span className="small-text cell-line">{user.secondFactorEnrolled ? 'Godkendelsesapp sat op' : 'Mangler godkendelsesapp'}</span>}
              </td>
              <td>
                <div className="row-actions">
                  <button type="button" className="button button-secondary button-compact" onClick={() => onEdit(user)}>
                    Ret<span className="sr-only"> {user.name}</span>
                  </button>
                  {!user.disabled && user.id !== meId && (
                    <button type="button" className="button button-secondary button-compact" onClick={() => onAction('disable', user)}>
                      Deaktivér<span className="sr-only"> {user.name}</span>
                    </button>
                  )}
                  {user.disabled && (
                    <button type="button" className="button button-secondary button-compact" onClick={() => onAction('enable', user)}>
                      Genaktivér<span className="sr-only"> {user.name}</span>
                    </button>
                  )}
                  {user.id !== meId && (
                    <button type="button" className="button button-secondary button-compact" onClick={() => onAction('reset', user)}>
                      Nulstil adgangskode<span className="sr-only"> for {user.name}</span>
                    </button>
                  )}
                  {user.secondFactorEnrolled && user.id !== meId && (
                    <button type="button" className="button button-secondary button-compact" onClick={() => onAction('second-factor', user)}>
                      Nulstil totrinsbekræftelse<span className="sr-only"> for {user.name}</span>
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  )
}

function statusOf(user: UserDto): string {
  if (user.disabled) return 'Deaktiveret'
  if (user.mustChangePassword) return 'Har ikke valgt adgangskode endnu'
  return 'Aktiv'
}
