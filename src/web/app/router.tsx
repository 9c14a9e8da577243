import type { ComponentType } from 'react'
import { Outlet, createBrowserRouter } from 'react-router'
import { paths } from '../features/auth/paths.ts'
import { RouteErrorPage } from '../features/errors/error-page.tsx'
import { NotFoundPage } from '../features/errors/not-found-page.tsx'
import { SessionProvider } from '../features/auth/session.tsx'
import { RequireSession } from './guards.tsx'
import { Layout } from './layout.tsx'
import { auditLogPath, companiesMenuPath, counsellingMenuPath, meetingsMenuPath, overviewPath, referenceDataPath, residentsPath, staffTimePath, usersPath, youthMenuPath } from './menu-paths.ts'

/**
 * Each page is its own chunk, fetched when its route is first visited (react-router's route
 * `lazy`, which loads before rendering, so no loading flash): the first page downloads only itself,
 * the layout and the shared code. `name` is the page component the module exports.
 */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return async () => ({ Component: (await load())[name] as ComponentType })
}

export const router = createBrowserRouter([
  {
    element: (
      <SessionProvider>
        <Layout />
      </SessionProvider>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      {
        // Errors inside a page render inside the layout, so the header and the way out stay.
        errorElement: <RouteErrorPage />,
        children: [
          { path: paths.login, lazy: page(() => import('../features/auth/login-page.tsx'), 'LoginPage') },
          { path: paths.sessionExpired, lazy: page(() => import('../features/auth/session-expired-page.tsx'), 'SessionExpiredPage') },
          {
            element: (
              <RequireSession>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { index: true, lazy: page(() => import('../features/plans/home-page.tsx'), 'HomePage') },
              { path: '/planer/:planId', lazy: page(() => import('../features/plans/plan-page.tsx'), 'PlanPage') },
              { path: '/planer/:planId/delaftaler/:agreementId', lazy: page(() => import('../features/agreements/agreement-page.tsx'), 'AgreementPage') },
              { path: '/planer/:planId/delaftaler/:agreementId/revisioner', lazy: page(() => import('../features/agreements/agreement-history-page.tsx'), 'AgreementHistoryPage') },
              { path: '/planer/:planId/delaftaler/:agreementId/sammenlign', lazy: page(() => import('../features/agreements/agreement-compare-page.tsx'), 'AgreementComparePage') },
              { path: overviewPath, lazy: page(() => import('../features/indicators/indicator-overview-page.tsx'), 'IndicatorOverviewPage') },
              { path: '/planer/:planId/maalgrupper', lazy: page(() => import('../features/indicators/target-groups-page.tsx'), 'TargetGroupsPage') },
              { path: '/planer/:planId/delaftaler/:agreementId/opfoelgning', lazy: page(() => import('../features/indicators/indicator-dashboard-page.tsx'), 'IndicatorDashboardPage') },
              { path: '/planer/:planId/delaftaler/:agreementId/opfoelgning/historik', lazy: page(() => import('../features/indicators/indicator-history-page.tsx'), 'IndicatorHistoryPage') },
              { path: '/planer/:planId/aktiviteter', lazy: page(() => import('../features/enrolments/activity-list-page.tsx'), 'ActivityListPage') },
              { path: '/planer/:planId/aktiviteter/:activityId', lazy: page(() => import('../features/enrolments/activity-page.tsx'), 'ActivityPage') },
              { path: paths.changePassword, lazy: page(() => import('../features/auth/change-password-page.tsx'), 'ChangePasswordPage') },
              { path: paths.secondFactor, lazy: page(() => import('../features/auth/second-factor-page.tsx'), 'SecondFactorPage') },
              { path: paths.enrolSecondFactor, lazy: page(() => import('../features/auth/enrol-second-factor-page.tsx'), 'EnrolSecondFactorPage') },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'agreements', action: 'update' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/delaftaler/:agreementId/rediger', lazy: page(() => import('../features/agreements/agreement-edit-page.tsx'), 'AgreementEditPage') }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'indicator-values', action: 'create' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/delaftaler/:agreementId/opfoelgning/importer', lazy: page(() => import('../features/indicators/indicator-import-page.tsx'), 'IndicatorImportPage') }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'plan-privacy', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/persondata', lazy: page(() => import('../features/participants/privacy-page.tsx'), 'PrivacyPage') }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'erasure-requests', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/deltagere/sletninger', lazy: page(() => import('../features/participants/erasure-requests-page.tsx'), 'ErasureRequestsPage') }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'participants', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: residentsPath, lazy: page(() => import('../features/participants/residents-page.tsx'), 'ResidentsPage') },
              { path: '/planer/:planId/deltagere', lazy: page(() => import('../features/participants/participant-list-page.tsx'), 'ParticipantListPage') },
              { path: '/planer/:planId/deltagere/ny', lazy: page(() => import('../features/participants/participant-new-page.tsx'), 'ParticipantNewPage') },
              { path: '/planer/:planId/deltagere/:participantId', lazy: page(() => import('../features/participants/participant-page.tsx'), 'ParticipantPage') },
              { path: '/planer/:planId/deltagere/:participantId/ret', lazy: page(() => import('../features/participants/participant-edit-page.tsx'), 'ParticipantEditPage') },
              { path: '/planer/:planId/forloeb/:enrolmentId', lazy: page(() => import('../features/enrolments/enrolment-page.tsx'), 'EnrolmentPage') },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'funnel-figures', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: youthMenuPath, lazy: page(() => import('../features/pathways/youth-menu-page.tsx'), 'YouthMenuPage') },
              { path: '/planer/:planId/aktiviteter/:activityId/tragt', lazy: page(() => import('../features/pathways/funnel-page.tsx'), 'FunnelPage') },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'counselling-occurrences', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: counsellingMenuPath, lazy: page(() => import('../features/counselling/counselling-menu-page.tsx'), 'CounsellingMenuPage') },
              { path: '/planer/:planId/aaben-raadgivning', lazy: page(() => import('../features/counselling/counselling-week-page.tsx'), 'CounsellingWeekPage') },
              { path: '/planer/:planId/aaben-raadgivning/:occurrenceId', lazy: page(() => import('../features/counselling/occurrence-page.tsx'), 'OccurrencePage') },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'counselling-figures', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/aaben-raadgivning/noegletal', lazy: page(() => import('../features/counselling/counselling-figures-page.tsx'), 'CounsellingFiguresPage') }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'companies', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: companiesMenuPath, lazy: page(() => import('../features/companies/companies-page.tsx'), 'CompaniesPage') },
              { path: '/planer/:planId/virksomheder', lazy: page(() => import('../features/companies/company-list-page.tsx'), 'CompanyListPage') },
              { path: '/planer/:planId/virksomheder/:companyId', lazy: page(() => import('../features/companies/company-page.tsx'), 'CompanyPage') },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'companies', action: 'create' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: '/planer/:planId/virksomheder/ny', lazy: page(() => import('../features/companies/company-new-page.tsx'), 'CompanyNewPage') },
              { path: '/planer/:planId/virksomheder/importer', lazy: page(() => import('../features/companies/company-import-page.tsx'), 'CompanyImportPage') },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'meetings', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: meetingsMenuPath, lazy: page(() => import('../features/meetings/meetings-page.tsx'), 'MeetingsMenuPage') },
              { path: '/planer/:planId/moeder', lazy: page(() => import('../features/meetings/meetings-page.tsx'), 'MeetingsPage') },
              { path: '/planer/:planId/moeder/:meetingId', lazy: page(() => import('../features/meetings/meeting-page.tsx'), 'MeetingPage') },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'meetings', action: 'create' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: '/planer/:planId/moeder/nyt', lazy: page(() => import('../features/meetings/meeting-edit-page.tsx'), 'MeetingEditPage') },
              { path: '/planer/:planId/moeder/:meetingId/ret', lazy: page(() => import('../features/meetings/meeting-edit-page.tsx'), 'MeetingEditPage') },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'placements', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: '/planer/:planId/udplaceringer', lazy: page(() => import('../features/placements/placements-page.tsx'), 'PlacementsPage') },
              { path: '/planer/:planId/udplaceringer/:placementId', lazy: page(() => import('../features/placements/placement-page.tsx'), 'PlacementPage') },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'placements', action: 'create' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/udplaceringer/ny', lazy: page(() => import('../features/placements/placement-new-page.tsx'), 'PlacementNewPage') }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'company-figures', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/virksomhedstal', lazy: page(() => import('../features/companies/company-figures-page.tsx'), 'CompanyFiguresPage') }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'companies', action: 'update' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/virksomheder/:companyId/ret', lazy: page(() => import('../features/companies/company-edit-page.tsx'), 'CompanyEditPage') }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'staff-time-figures', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: staffTimePath, lazy: page(() => import('../features/staff-time/staff-time-page.tsx'), 'StaffTimePage') },
              { path: '/planer/:planId/tid', lazy: page(() => import('../features/staff-time/staff-time-page.tsx'), 'PlanStaffTimePage') },
              { path: '/planer/:planId/tid/delaftaler/:agreementId', lazy: page(() => import('../features/staff-time/quarter-page.tsx'), 'QuarterPage') },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'conversations', action: 'create' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: '/planer/:planId/tid/samtaler', lazy: page(() => import('../features/staff-time/conversation-page.tsx'), 'ConversationPage') },
              { path: '/planer/:planId/tid/samtaler/importer', lazy: page(() => import('../features/staff-time/staff-time-import-page.tsx'), 'CalendarImportPage') },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'time-entries', action: 'create' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: '/planer/:planId/tid/timer', lazy: page(() => import('../features/staff-time/hours-page.tsx'), 'HoursPage') },
              { path: '/planer/:planId/tid/delaftaler/:agreementId/timeskema', lazy: page(() => import('../features/staff-time/staff-time-import-page.tsx'), 'TimeSheetImportPage') },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'users', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: usersPath, lazy: page(() => import('../features/users/users-page.tsx'), 'UsersPage') }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'reference-data', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: referenceDataPath, lazy: page(() => import('../features/reference-data/reference-data-page.tsx'), 'ReferenceDataPage') }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'audit-log', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: auditLogPath, lazy: page(() => import('../features/audit-log/audit-log-page.tsx'), 'AuditLogPage') }],
          },
          // Pages that load an item show this page themselves, so it is in the shared code already.
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
])
