import { type Permission, may } from '../../shared/permissions.ts'
import type { Role } from '../../shared/users.ts'
import { auditLogPath, companiesMenuPath, counsellingMenuPath, meetingsMenuPath, overviewPath, referenceDataPath, residentsPath, staffTimePath, usersPath, youthMenuPath } from './menu-paths.ts'

// The main menu. Each item names what its page reads, and a user sees the item exactly when the
// permission table lets their role do that: the same table the server asks before it answers, so
// the menu never offers a page the server would refuse, nor hides one it would serve.

export interface MenuItem {
  to: string
  label: string
  /** What the page behind the item reads. */
  access: Permission
  /** Shown only to a user on at least one plan: the page shows nothing without one. */
  needsPlan?: boolean
  /** Also active on these pages below it. */
  covers?: (pathname: string) => boolean
}

const isFollowUp = (pathname: string) => pathname === overviewPath || /^\/planer\/[^/]+\/delaftaler\/[^/]+\/opfoelgning(\/|$)/.test(pathname)
const isCounselling = (pathname: string) => pathname === counsellingMenuPath || /^\/planer\/[^/]+\/aaben-raadgivning(\/|$)/.test(pathname)
const isCompanies = (pathname: string) => pathname === companiesMenuPath || /^\/planer\/[^/]+\/(virksomheder|virksomhedstal|udplaceringer)(\/|$)/.test(pathname)
const isStaffTime = (pathname: string) => pathname === staffTimePath || /^\/planer\/[^/]+\/tid(\/|$)/.test(pathname)
const isMeetings = (pathname: string) => pathname === meetingsMenuPath || /^\/planer\/[^/]+\/moeder(\/|$)/.test(pathname)
const isYouth = (pathname: string) => pathname === youthMenuPath || /^\/planer\/[^/]+\/aktiviteter\/[^/]+\/tragt$/.test(pathname)
const isResidents = (pathname: string) => /^\/planer\/[^/]+\/(deltagere|forloeb)(\/|$)/.test(pathname)

export const menuItems: readonly MenuItem[] = [
  {
    to: '/',
    label: 'Forside',
    access: { resource: 'plans', action: 'read' },
    covers: (p) => p.startsWith('/planer/') && !isFollowUp(p) && !isResidents(p) && !isCounselling(p) && !isCompanies(p) && !isStaffTime(p) && !isMeetings(p) && !isYouth(p),
  },
  // The follow-up of the indicators, for everyone who is on a plan (the board too: it follows them).
  { to: overviewPath, label: 'Opfølgning', access: { resource: 'follow-up-overview', action: 'read' }, needsPlan: true, covers: isFollowUp },
  // Residents, their consents and courses: for the staff who work with them, not the administrator or the board.
  { to: residentsPath, label: 'Deltagere', access: { resource: 'participants', action: 'read' }, covers: isResidents },
  // The young people's funnels (decision 023): figures without names, so everyone on a plan; the board with small numbers hidden.
  { to: youthMenuPath, label: 'Unge', access: { resource: 'funnel-figures', action: 'read' }, needsPlan: true, covers: isYouth },
  // Open counselling at the drop-in desk: for the staff who run it.
  { to: counsellingMenuPath, label: 'Åben rådgivning', access: { resource: 'counselling-occurrences', action: 'read' }, covers: isCounselling },
  // The plan's companies and their openings: for the staff on a plan (decision 016); the board sees the network's figures from the plan page.
  { to: companiesMenuPath, label: 'Virksomheder', access: { resource: 'companies', action: 'read' }, needsPlan: true, covers: isCompanies },
  // Conversations, hours and the quarter's delivered against promised (decision 015): the figures are for everyone on a plan.
  { to: staffTimePath, label: 'Tid og løfter', access: { resource: 'staff-time-figures', action: 'read' }, needsPlan: true, covers: isStaffTime },
  // Cooperation, board and network meetings with their decisions and actions: the plan's own record, read by everyone on it.
  { to: meetingsMenuPath, label: 'Møder', access: { resource: 'meetings', action: 'read' }, needsPlan: true, covers: isMeetings },
  { to: usersPath, label: 'Brugere', access: { resource: 'users', action: 'read' } },
  { to: auditLogPath, label: 'Revisionsspor', access: { resource: 'audit-log', action: 'read' } },
  { to: referenceDataPath, label: 'Referencedata', access: { resource: 'reference-data', action: 'read' } },
]

export function menuFor(user: { role: Role; plans: readonly unknown[] }): MenuItem[] {
  return menuItems.filter((item) => may(user.role, item.access.resource, item.access.action) && (!item.needsPlan || user.plans.length > 0))
}
