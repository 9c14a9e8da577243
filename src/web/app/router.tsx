import { Outlet, createBrowserRouter } from 'react-router'
import { AgreementComparePage } from '../features/agreements/agreement-compare-page.tsx'
import { AgreementEditPage } from '../features/agreements/agreement-edit-page.tsx'
import { AgreementHistoryPage } from '../features/agreements/agreement-history-page.tsx'
import { AgreementPage } from '../features/agreements/agreement-page.tsx'
import { CounsellingFiguresPage } from '../features/counselling/counselling-figures-page.tsx'
import { CounsellingMenuPage } from '../features/counselling/counselling-menu-page.tsx'
import { CounsellingWeekPage } from '../features/counselling/counselling-week-page.tsx'
import { counsellingMenuPath } from '../features/counselling/counselling.api.ts'
import { OccurrencePage } from '../features/counselling/occurrence-page.tsx'
import { AuditLogPage } from '../features/audit-log/audit-log-page.tsx'
import { auditLogPath } from '../features/audit-log/audit-log.api.ts'
import { ChangePasswordPage } from '../features/auth/change-password-page.tsx'
import { LoginPage } from '../features/auth/login-page.tsx'
import { paths } from '../features/auth/paths.ts'
import { SessionExpiredPage } from '../features/auth/session-expired-page.tsx'
import { SessionProvider } from '../features/auth/session.tsx'
import { ActivityListPage } from '../features/enrolments/activity-list-page.tsx'
import { ActivityPage } from '../features/enrolments/activity-page.tsx'
import { EnrolmentPage } from '../features/enrolments/enrolment-page.tsx'
import { companiesMenuPath } from '../features/companies/companies.api.ts'
import { CompaniesPage } from '../features/companies/companies-page.tsx'
import { CompanyEditPage } from '../features/companies/company-edit-page.tsx'
import { CompanyFiguresPage } from '../features/companies/company-figures-page.tsx'
import { CompanyImportPage } from '../features/companies/company-import-page.tsx'
import { CompanyListPage } from '../features/companies/company-list-page.tsx'
import { CompanyNewPage } from '../features/companies/company-new-page.tsx'
import { CompanyPage } from '../features/companies/company-page.tsx'
import { RouteErrorPage } from '../features/errors/error-page.tsx'
import { NotFoundPage } from '../features/errors/not-found-page.tsx'
import { IndicatorDashboardPage } from '../features/indicators/indicator-dashboard-page.tsx'
import { IndicatorHistoryPage } from '../features/indicators/indicator-history-page.tsx'
import { IndicatorImportPage } from '../features/indicators/indicator-import-page.tsx'
import { IndicatorOverviewPage } from '../features/indicators/indicator-overview-page.tsx'
import { TargetGroupsPage } from '../features/indicators/target-groups-page.tsx'
import { overviewPath } from '../features/indicators/indicators.api.ts'
import { ParticipantListPage } from '../features/participants/participant-list-page.tsx'
import { ParticipantNewPage } from '../features/participants/participant-new-page.tsx'
import { ParticipantPage } from '../features/participants/participant-page.tsx'
import { residentsPath } from '../features/participants/participants.api.ts'
import { ConversationPage } from '../features/staff-time/conversation-page.tsx'
import { HoursPage } from '../features/staff-time/hours-page.tsx'
import { QuarterPage } from '../features/staff-time/quarter-page.tsx'
import { PlanStaffTimePage, StaffTimePage } from '../features/staff-time/staff-time-page.tsx'
import { staffTimePath } from '../features/staff-time/staff-time.api.ts'
import { PrivacyPage } from '../features/participants/privacy-page.tsx'
import { ResidentsPage } from '../features/participants/residents-page.tsx'
import { HomePage } from '../features/plans/home-page.tsx'
import { PlanPage } from '../features/plans/plan-page.tsx'
import { UsersPage } from '../features/users/users-page.tsx'
import { ReferenceDataPage } from '../features/reference-data/reference-data-page.tsx'
import { referenceDataPath } from '../features/reference-data/reference-data.api.ts'
import { usersPath } from '../features/users/users.api.ts'
import { RequireSession } from './guards.tsx'
import { Layout } from './layout.tsx'

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
          { path: paths.login, element: <LoginPage /> },
          { path: paths.sessionExpired, element: <SessionExpiredPage /> },
          {
            element: (
              <RequireSession>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { index: true, element: <HomePage /> },
              { path: '/planer/:planId', element: <PlanPage /> },
              { path: '/planer/:planId/delaftaler/:agreementId', element: <AgreementPage /> },
              { path: '/planer/:planId/delaftaler/:agreementId/revisioner', element: <AgreementHistoryPage /> },
              { path: '/planer/:planId/delaftaler/:agreementId/sammenlign', element: <AgreementComparePage /> },
              { path: overviewPath, element: <IndicatorOverviewPage /> },
              { path: '/planer/:planId/maalgrupper', element: <TargetGroupsPage /> },
              { path: '/planer/:planId/delaftaler/:agreementId/opfoelgning', element: <IndicatorDashboardPage /> },
              { path: '/planer/:planId/delaftaler/:agreementId/opfoelgning/historik', element: <IndicatorHistoryPage /> },
              { path: '/planer/:planId/aktiviteter', element: <ActivityListPage /> },
              { path: '/planer/:planId/aktiviteter/:activityId', element: <ActivityPage /> },
              { path: paths.changePassword, element: <ChangePasswordPage /> },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'agreements', action: 'update' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/delaftaler/:agreementId/rediger', element: <AgreementEditPage /> }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'indicator-values', action: 'create' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/delaftaler/:agreementId/opfoelgning/importer', element: <IndicatorImportPage /> }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'plan-privacy', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/persondata', element: <PrivacyPage /> }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'participants', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: residentsPath, element: <ResidentsPage /> },
              { path: '/planer/:planId/deltagere', element: <ParticipantListPage /> },
              { path: '/planer/:planId/deltagere/ny', element: <ParticipantNewPage /> },
              { path: '/planer/:planId/deltagere/:participantId', element: <ParticipantPage /> },
              { path: '/planer/:planId/forloeb/:enrolmentId', element: <EnrolmentPage /> },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'counselling-occurrences', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: counsellingMenuPath, element: <CounsellingMenuPage /> },
              { path: '/planer/:planId/aaben-raadgivning', element: <CounsellingWeekPage /> },
              { path: '/planer/:planId/aaben-raadgivning/:occurrenceId', element: <OccurrencePage /> },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'counselling-figures', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/aaben-raadgivning/noegletal', element: <CounsellingFiguresPage /> }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'companies', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: companiesMenuPath, element: <CompaniesPage /> },
              { path: '/planer/:planId/virksomheder', element: <CompanyListPage /> },
              { path: '/planer/:planId/virksomheder/:companyId', element: <CompanyPage /> },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'companies', action: 'create' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: '/planer/:planId/virksomheder/ny', element: <CompanyNewPage /> },
              { path: '/planer/:planId/virksomheder/importer', element: <CompanyImportPage /> },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'company-figures', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/virksomhedstal', element: <CompanyFiguresPage /> }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'companies', action: 'update' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/virksomheder/:companyId/ret', element: <CompanyEditPage /> }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'staff-time-figures', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [
              { path: staffTimePath, element: <StaffTimePage /> },
              { path: '/planer/:planId/tid', element: <PlanStaffTimePage /> },
              { path: '/planer/:planId/tid/delaftaler/:agreementId', element: <QuarterPage /> },
            ],
          },
          {
            element: (
              <RequireSession access={{ resource: 'conversations', action: 'create' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/tid/samtaler', element: <ConversationPage /> }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'time-entries', action: 'create' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: '/planer/:planId/tid/timer', element: <HoursPage /> }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'users', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: usersPath, element: <UsersPage /> }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'reference-data', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: referenceDataPath, element: <ReferenceDataPage /> }],
          },
          {
            element: (
              <RequireSession access={{ resource: 'audit-log', action: 'read' }}>
                <Outlet />
              </RequireSession>
            ),
            children: [{ path: auditLogPath, element: <AuditLogPage /> }],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
])
