import type { ComponentType } from 'react'
import { Outlet, createBrowserRouter } from 'react-router'
import { auditLogPath } from '../features/audit-log/audit-log.api.ts'
import { paths } from '../features/auth/paths.ts'
import { RouteErrorPage } from '../features/errors/error-page.tsx'
import { SessionProvider } from '../features/auth/session.tsx'
import { overviewPath } from '../features/indicators/indicators.api.ts'
import { residentsPath } from '../features/participants/participants.api.ts'
import { usersPath } from '../features/users/users.api.ts'
import { RequireSession } from './guards.tsx'
import { Layout } from './layout.tsx'

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
              <RequireSession access={{ resource: 'participants', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: residentsPath, lazy: page(() => import('../features/participants/residents-page.tsx'), 'ResidentsPage') },
              { path: '/planer/:planId/deltagere', lazy: page(() => import('../features/participants/participant-list-page.tsx'), 'ParticipantListPage') },
              { path: '/planer/:planId/deltagere/ny', lazy: page(() => import('../features/participants/participant-new-page.tsx'), 'ParticipantNewPage') },
              { path: '/planer/:planId/deltagere/:participantId', lazy: page(() => import('../features/participants/participant-page.tsx'), 'ParticipantPage') },
              { path: '/planer/:planId/forloeb/:enrolmentId', lazy: page(() => import('../features/enrolments/enrolment-page.tsx'), 'EnrolmentPage') },
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
              <RequireSession access={{ resource: 'audit-log', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: auditLogPath, lazy: page(() => import('../features/audit-log/audit-log-page.tsx'), 'AuditLogPage') }],
          },
          { path: '*', lazy: page(() => import('../features/errors/not-found-page.tsx'), 'NotFoundPage') },
        ],
      },
    ],
  },
])
