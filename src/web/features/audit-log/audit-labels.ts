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
}

export const actionLabel = (code: string) => actions[code] ?? code
export const entityLabel = (code: string) => entities[code] ?? code
