// Danish words for the audit log's action and entity codes. Unknown codes are shown as they are,
// so a new kind of entry is visible before anyone has named it here.

const actions: Record<string, string> = {
  create: 'Oprettede',
  read: 'Læste',
  update: 'Ændrede',
  delete: 'Slettede',
  login: 'Loggede ind',
  login_failed: 'Mislykket login',
  logout: 'Loggede ud',
}

const entities: Record<string, string> = {
  session: 'Session',
  user: 'Bruger',
  users: 'Brugerlisten',
  plans: 'Helhedsplaner',
  plan: 'Helhedsplan',
  'plan-members': 'Medarbejdere på en plan',
  'audit-log': 'Revisionssporet',
  participants: 'Deltager',
  'participant-notes': 'Note om en deltager',
  'participant-cpr': 'CPR-nummer (vist)',
  'participant-rights': 'Indsigt i egne oplysninger',
  consents: 'Samtykke',
  'consent-documents': 'Underskrevet samtykke',
  enrolments: 'Forløb',
  'enrolment-followups': 'Statusopfølgning',
  sessions: 'Aktivitetsgang og fremmøde',
  activities: 'Aktivitet',
  'plan-privacy': 'Persondata og opbevaring',
}

export const actionLabel = (code: string) => actions[code] ?? code
export const entityLabel = (code: string) => entities[code] ?? code
