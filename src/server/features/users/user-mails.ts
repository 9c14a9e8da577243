import { roleLabels, type Role } from '../../../shared/users.ts'
import type { Authority } from '../../lib/authorize.ts'
import type { Mail } from '../../lib/mail.ts'
import type { ResidentAccessKind } from '../../../shared/access-notices.ts'

// The texts of the mails about users' access (decision 033): data in, mail out.

/** Who did it, as the person reading the mail knows them. */
export function byWhom(authority: Authority): string {
  if ('actor' in authority) return `${authority.actor.name} (${authority.actor.email})`
  return authority.label === 'cli' ? 'Driften (fra kommandolinjen)' : 'Indsats'
}

const signature = '\n\nVenlig hilsen\nIndsats'

export function newUserMail(user: { name: string; email: string; role: Role }, oneTimePassword: string, authority: Authority): Mail {
  return {
    to: user.email,
    subject: 'Din adgang til Indsats',
    text:
      `Hej ${user.name}\n\n` +
      `${byWhom(authority)} har oprettet dig som bruger i Indsats med rollen ${roleLabels[user.role].toLowerCase()}.\n\n` +
      `Log ind med din e-mailadresse (${user.email}) og denne engangskode:\n\n    ${oneTimePassword}\n\n` +
      'Koden virker, til du har valgt din egen adgangskode, hvad du bliver bedt om, første gang du logger ind. ' +
      'Har du ikke ventet denne e-mail, så svar ikke på den, men kontakt din administrator.' +
      signature,
  }
}

export function passwordResetMail(user: { name: string; email: string }, oneTimePassword: string, authority: Authority): Mail {
  return {
    to: user.email,
    subject: 'Ny engangskode til Indsats',
    text:
      `Hej ${user.name}\n\n` +
      `${byWhom(authority)} har nulstillet din adgangskode til Indsats. Du er logget ud alle steder.\n\n` +
      `Log ind med din e-mailadresse (${user.email}) og denne engangskode:\n\n    ${oneTimePassword}\n\n` +
      'Derefter vælger du en ny adgangskode. Har du ikke bedt om det, så kontakt din administrator.' +
      signature,
  }
}

export interface AccessGiven {
  user: { name: string; email: string; organisation: string; role: Role }
  plans: { name: string }[]
  /** New on the plans, another role on plans the user already had, or another party there (same role). */
  kind: ResidentAccessKind
}

/** To a plan's project leader: someone can now read the plan's residents, given by whom. */
export function residentAccessMail(leader: { name: string; email: string }, given: AccessGiven, authority: Authority): Mail {
  const plans = given.plans.map((p) => p.name).join(' og ')
  const who = `${given.user.name} (${given.user.email}, ${given.user.organisation})`
  const done = given.kind === 'new' ? `givet ${who}` : given.kind === 'role_changed' ? `ændret rollen for ${who}` : `flyttet ${who} til en anden part`
  return {
    to: leader.email,
    subject: `Ny adgang til beboerne i ${plans}`,
    text:
      `Hej ${leader.name}\n\n` +
      `${byWhom(authority)} har ${done}, ` +
      `så vedkommende nu har adgang til beboerne i ${plans} som ${roleLabels[given.user.role].toLowerCase()}.\n\n` +
      'Du får denne besked, fordi du er projektleder på planen og står for beboernes rettigheder. ' +
      'Er adgangen ikke aftalt med dig, så bed en administrator om at fjerne den. Ændringen står i revisionssporet.' +
      signature,
  }
}
