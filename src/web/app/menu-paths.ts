// The addresses of the main menu's pages. Danish, because users see and share them.
//
// Kept apart from the features' api modules (which re-export them), so the router and the menu,
// which every page loads, do not pull each feature's contracts into the first download.

export const overviewPath = '/opfoelgning'
/** The main menu's entry: the user's plans, each with a link to its residents. */
export const residentsPath = '/deltagere'
/** The main menu's "Unge": the choice of plan and activity, skipped when there is one funnel. */
export const youthMenuPath = '/unge'
/** The main menu's entry: the user's plans, each with its open counselling. */
export const counsellingMenuPath = '/aaben-raadgivning'
/** The main menu's entry: the user's plans, each with a link to its companies. */
export const companiesMenuPath = '/virksomheder'
export const staffTimePath = '/tid'
export const meetingsMenuPath = '/moeder'
export const usersPath = '/brugere'
export const auditLogPath = '/revisionsspor'
export const referenceDataPath = '/referencedata'
