import { type ComponentType, lazy, type LazyExoticComponent, Suspense } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { FeedbackProvider } from '../api/feedback-provider';
import { NotFoundPage } from '../components/ErrorResult';
import { FullPageSpin } from '../components/FullPageSpin';
import { RequirePermission } from './guards';
import { ProtectedLayout } from './ProtectedLayout';

const LoginPage = lazy(() => import('../modules/auth/LoginPage'));
const WorkbenchPage = lazy(() => import('../modules/workbench/WorkbenchPage'));
const CockpitPage = lazy(() => import('../modules/monitoring/CockpitPage'));
const LightsPage = lazy(() => import('../modules/monitoring/LightsPage'));
const WarningsPage = lazy(() => import('../modules/monitoring/WarningsPage'));
const PacksPage = lazy(() => import('../modules/monitoring/PacksPage'));
const UnitsPage = lazy(() => import('../modules/org/UnitsPage'));
const EnterprisesPage = lazy(() => import('../modules/org/EnterprisesPage'));
const UsersPage = lazy(() => import('../modules/users/UsersPage'));
const AuditPage = lazy(() => import('../modules/audit/AuditPage'));
const SystemPage = lazy(() => import('../modules/system/SystemPage'));
const AccountPage = lazy(() => import('../modules/account/AccountPage'));
const ProjectsPage = lazy(() => import('../modules/projects/ProjectsPage'));
const ProjectDetailPage = lazy(() => import('../modules/projects/ProjectDetailPage'));
const DealsPage = lazy(() => import('../modules/deals/DealsPage'));
const DealDetailPage = lazy(() => import('../modules/deals/DealDetailPage'));
const FunnelPage = lazy(() => import('../modules/deals/FunnelPage'));
const RegistrySettingsPage = lazy(() => import('../modules/settings/RegistrySettingsPage'));
const ProblemSettingsPage = lazy(() => import('../modules/settings/ProblemSettingsPage'));
const TargetsPage = lazy(() => import('../modules/settings/TargetsPage'));
const ReportGridPage = lazy(() => import('../modules/reports/ReportGridPage'));
const MissingReportsPage = lazy(() => import('../modules/reports/MissingReportsPage'));
const FundsPage = lazy(() => import('../modules/funds/FundsPage'));
const BoardsPage = lazy(() => import('../modules/boards/BoardsPage'));
const CommitmentsPage = lazy(() => import('../modules/commitments/CommitmentsPage'));
const CommitmentDetailPage = lazy(() => import('../modules/commitments/CommitmentDetailPage'));
const EvaluationRunsPage = lazy(() => import('../modules/evaluation/RunsPage'));
const EvaluationRegisterPage = lazy(() => import('../modules/evaluation/RegisterPage'));
const EvaluationDataPage = lazy(() => import('../modules/evaluation/DataPage'));
const EvaluationMethodsPage = lazy(() => import('../modules/evaluation/MethodsPage'));
const MyEvaluationPage = lazy(() => import('../modules/evaluation/MyEvaluationPage'));
const DispatchPage = lazy(() => import('../modules/dispatch/DispatchPage'));
const MeetingPage = lazy(() => import('../modules/dispatch/MeetingPage'));
const ToursPage = lazy(() => import('../modules/observation/ToursPage'));
const TourPage = lazy(() => import('../modules/observation/TourPage'));
const CompetitionSchemesPage = lazy(() => import('../modules/competition/SchemesPage'));
const CompetitionSchemePage = lazy(() => import('../modules/competition/SchemePage'));
const ProblemsPage = lazy(() => import('../modules/problems/ProblemsPage'));
const ProblemDetailPage = lazy(() => import('../modules/problems/ProblemDetailPage'));
const ProblemMetricsPage = lazy(() => import('../modules/problems/MetricsPage'));
const AppealsPage = lazy(() => import('../modules/appeals/AppealsPage'));
const AppealDetailPage = lazy(() => import('../modules/appeals/AppealDetailPage'));
const InboxPage = lazy(() => import('../modules/notifications/InboxPage'));
const InspectionsPage = lazy(() => import('../modules/inspections/InspectionsPage'));
const InspectionSupervisionPage = lazy(() => import('../modules/inspections/SupervisionPage'));
const InspectionCodesPage = lazy(() => import('../modules/inspections/CodesPage'));
const InspectScanPage = lazy(() => import('../modules/inspections/ScanPage'));

/** A lazily loaded page behind the guard of its menu entry. */
function guarded(path: string, Page: LazyExoticComponent<ComponentType>) {
  return (
    <RequirePermission path={path}>
      <Page />
    </RequirePermission>
  );
}

function Root() {
  return (
    <FeedbackProvider>
      <Suspense fallback={<FullPageSpin />}>
        <Outlet />
      </Suspense>
    </FeedbackProvider>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        element: <ProtectedLayout />,
        children: [
          { index: true, element: guarded('/', WorkbenchPage) },
          { path: 'cockpit', element: guarded('/cockpit', CockpitPage) },
          { path: 'monitoring/lights', element: guarded('/monitoring/lights', LightsPage) },
          { path: 'monitoring/warnings', element: guarded('/monitoring/warnings', WarningsPage) },
          { path: 'monitoring/packs', element: guarded('/monitoring/packs', PacksPage) },
          { path: 'projects', element: guarded('/projects', ProjectsPage) },
          { path: 'projects/:id', element: guarded('/projects', ProjectDetailPage) },
          { path: 'deals', element: guarded('/deals', DealsPage) },
          { path: 'deals/funnel', element: guarded('/deals/funnel', FunnelPage) },
          { path: 'deals/:id', element: guarded('/deals', DealDetailPage) },
          { path: 'reports', element: guarded('/reports', ReportGridPage) },
          { path: 'reports/missing', element: guarded('/reports/missing', MissingReportsPage) },
          { path: 'funds', element: guarded('/funds', FundsPage) },
          { path: 'boards', element: guarded('/boards', BoardsPage) },
          { path: 'commitments', element: guarded('/commitments', CommitmentsPage) },
          { path: 'commitments/:id', element: guarded('/commitments', CommitmentDetailPage) },
          { path: 'evaluation/runs', element: guarded('/evaluation/runs', EvaluationRunsPage) },
          { path: 'evaluation/register', element: guarded('/evaluation/register', EvaluationRegisterPage) },
          { path: 'evaluation/data', element: guarded('/evaluation/data', EvaluationDataPage) },
          { path: 'evaluation/methods', element: guarded('/evaluation/methods', EvaluationMethodsPage) },
          { path: 'evaluation/mine', element: guarded('/evaluation/mine', MyEvaluationPage) },
          { path: 'dispatch', element: guarded('/dispatch', DispatchPage) },
          { path: 'dispatch/:id', element: guarded('/dispatch', MeetingPage) },
          { path: 'observation', element: guarded('/observation', ToursPage) },
          { path: 'observation/:id', element: guarded('/observation', TourPage) },
          { path: 'competition', element: guarded('/competition', CompetitionSchemesPage) },
          { path: 'competition/:id', element: guarded('/competition', CompetitionSchemePage) },
          { path: 'problems', element: guarded('/problems', ProblemsPage) },
          { path: 'problems/metrics', element: guarded('/problems/metrics', ProblemMetricsPage) },
          { path: 'problems/:id', element: guarded('/problems', ProblemDetailPage) },
          { path: 'appeals', element: guarded('/appeals', AppealsPage) },
          { path: 'appeals/:id', element: guarded('/appeals', AppealDetailPage) },
          { path: 'inspections', element: guarded('/inspections', InspectionsPage) },
          { path: 'inspections/supervision', element: guarded('/inspections/supervision', InspectionSupervisionPage) },
          { path: 'inspections/codes', element: guarded('/inspections/codes', InspectionCodesPage) },
          // What an enterprise's QR opens on the inspector's phone (no menu item).
          { path: 'inspect/:token', element: guarded('/inspect', InspectScanPage) },
          // The inbox of every signed-in user (the header's bell), outside the menu.
          { path: 'notifications', element: <InboxPage /> },
          { path: 'settings/registry', element: guarded('/settings/registry', RegistrySettingsPage) },
          { path: 'settings/targets', element: guarded('/settings/targets', TargetsPage) },
          { path: 'settings/problems', element: guarded('/settings/problems', ProblemSettingsPage) },
          { path: 'org/units', element: guarded('/org/units', UnitsPage) },
          { path: 'org/enterprises', element: guarded('/org/enterprises', EnterprisesPage) },
          { path: 'admin/users', element: guarded('/admin/users', UsersPage) },
          { path: 'audit', element: guarded('/audit', AuditPage) },
          { path: 'system', element: guarded('/system', SystemPage) },
          { path: 'account', element: guarded('/account', AccountPage) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
