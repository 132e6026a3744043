import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ApiError, setUnauthorizedHandler } from './api';
import { RequireAuth } from './auth';
import { Layout } from './components/Layout';
import { Loading } from './components/ui';
import { EmployeeProfilePage } from './pages/EmployeeProfile';
import { EmployeesPage } from './pages/Employees';
import { HomePage } from './pages/Home';
import { LoginPage } from './pages/Login';
import { NotFoundPage } from './pages/NotFound';
import { OrgPage } from './pages/Org';
import { keys } from './queries';

// Screens beyond the everyday ones load on first use (keeps the first download small).
const ImportPage = lazy(() => import('./pages/Import').then((m) => ({ default: m.ImportPage })));
const AuditPage = lazy(() => import('./pages/Audit').then((m) => ({ default: m.AuditPage })));
const MySkpPage = lazy(() => import('./pages/Skp').then((m) => ({ default: m.MySkpPage })));
const SkpPage = lazy(() => import('./pages/Skp').then((m) => ({ default: m.SkpPage })));
const SubordinateSkpsPage = lazy(() =>
  import('./pages/SubordinateSkps').then((m) => ({ default: m.SubordinateSkpsPage })),
);
const GoalsPage = lazy(() => import('./pages/Goals').then((m) => ({ default: m.GoalsPage })));
const CascadePage = lazy(() => import('./pages/Cascade').then((m) => ({ default: m.CascadePage })));
const RhkPathPage = lazy(() => import('./pages/Cascade').then((m) => ({ default: m.RhkPathPage })));
const InboxPage = lazy(() => import('./pages/Inbox').then((m) => ({ default: m.InboxPage })));
const ActivityLogPage = lazy(() =>
  import('./pages/Activities').then((m) => ({ default: m.ActivityLogPage })),
);
const ActivityVerifyPage = lazy(() =>
  import('./pages/ActivityVerify').then((m) => ({ default: m.ActivityVerifyPage })),
);
const MyWorkloadPage = lazy(() => import('./pages/Workload').then((m) => ({ default: m.MyWorkloadPage })));
const EmployeeWorkloadPage = lazy(() =>
  import('./pages/Workload').then((m) => ({ default: m.EmployeeWorkloadPage })),
);
const UnitWorkloadPage = lazy(() =>
  import('./pages/UnitWorkload').then((m) => ({ default: m.UnitWorkloadPage })),
);
const CityWorkloadPage = lazy(() =>
  import('./pages/UnitWorkload').then((m) => ({ default: m.CityWorkloadPage })),
);
const AbkPage = lazy(() => import('./pages/Abk').then((m) => ({ default: m.AbkPage })));
const CatalogPage = lazy(() => import('./pages/Catalog').then((m) => ({ default: m.CatalogPage })));
const CityDashboardPage = lazy(() =>
  import('./pages/dashboard/DashboardPage').then((m) => ({ default: m.CityDashboardPage })),
);
const UnitDashboardPage = lazy(() =>
  import('./pages/dashboard/DashboardPage').then((m) => ({ default: m.UnitDashboardPage })),
);
const evaluation = {
  list: () => import('./pages/evaluation/Subordinates'),
  form: () => import('./pages/evaluation/EvaluationForm'),
  detail: () => import('./pages/evaluation/EvaluationDetail'),
  lists: () => import('./pages/evaluation/Lists'),
  curve: () => import('./pages/evaluation/Curve'),
};
const SubordinateEvaluationsPage = lazy(() =>
  evaluation.list().then((m) => ({ default: m.SubordinateEvaluationsPage })),
);
const EvaluationFormPage = lazy(() => evaluation.form().then((m) => ({ default: m.EvaluationFormPage })));
const EvaluationDetailPage = lazy(() =>
  evaluation.detail().then((m) => ({ default: m.EvaluationDetailPage })),
);
const MyEvaluationsPage = lazy(() => evaluation.lists().then((m) => ({ default: m.MyEvaluationsPage })));
const ObjectionsPage = lazy(() => evaluation.lists().then((m) => ({ default: m.ObjectionsPage })));
const CurvePage = lazy(() => evaluation.curve().then((m) => ({ default: m.CurvePage })));
const UnitCurvePage = lazy(() => evaluation.curve().then((m) => ({ default: m.UnitCurvePage })));
const att = () => import('./pages/attendance/AttendanceMonth');
const MyAttendancePage = lazy(() => att().then((m) => ({ default: m.MyAttendancePage })));
const EmployeeAttendancePage = lazy(() => att().then((m) => ({ default: m.EmployeeAttendancePage })));
const attTeam = () => import('./pages/attendance/AttendanceTeam');
const SubordinatesAttendancePage = lazy(() =>
  attTeam().then((m) => ({ default: m.SubordinatesAttendancePage })),
);
const UnitAttendancePage = lazy(() => attTeam().then((m) => ({ default: m.UnitAttendancePage })));
const LeavePage = lazy(() => import('./pages/attendance/Leave').then((m) => ({ default: m.LeavePage })));
const AttendanceImportPage = lazy(() =>
  import('./pages/attendance/AttendanceImport').then((m) => ({ default: m.AttendanceImportPage })),
);
const WorkCalendarPage = lazy(() =>
  import('./pages/attendance/WorkCalendar').then((m) => ({ default: m.WorkCalendarPage })),
);
const MyAccountPage = lazy(() =>
  import('./pages/account/AccountPage').then((m) => ({ default: m.MyAccountPage })),
);
const EmployeeAccountPage = lazy(() =>
  import('./pages/account/AccountPage').then((m) => ({ default: m.EmployeeAccountPage })),
);
const MyTppPage = lazy(() => import('./pages/tpp/MyTpp').then((m) => ({ default: m.MyTppPage })));
const EmployeeTppPage = lazy(() => import('./pages/tpp/MyTpp').then((m) => ({ default: m.EmployeeTppPage })));
const TppRunsPage = lazy(() => import('./pages/tpp/Runs').then((m) => ({ default: m.TppRunsPage })));
const TppRunPage = lazy(() => import('./pages/tpp/RunDetail').then((m) => ({ default: m.TppRunPage })));
const TppSettingsPage = lazy(() =>
  import('./pages/tpp/Settings').then((m) => ({ default: m.TppSettingsPage })),
);
const PublicIndexPage = lazy(() =>
  import('./pages/publik/PublicPage').then((m) => ({ default: m.PublicIndexPage })),
);
const PublicCityPage = lazy(() =>
  import('./pages/publik/PublicPage').then((m) => ({ default: m.PublicCityPage })),
);

function Page({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div className="page">
          <Loading rows={6} />
        </div>
      }
    >
      {children}
    </Suspense>
  );
}

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, err) => !(err instanceof ApiError && err.status > 0 && err.status < 500) && count < 2,
        refetchOnWindowFocus: false,
        staleTime: 10_000,
      },
      mutations: { retry: false },
    },
  });
}

/** Any 401 means the session ended: forget user data; RequireAuth then sends the user to /masuk. */
function UnauthorizedBridge() {
  const qc = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'tenants' });
      qc.setQueryData(keys.me, null);
    });
    return () => setUnauthorizedHandler(null);
  }, [qc]);
  return null;
}

const queryClient = makeQueryClient();

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <UnauthorizedBridge />
        <Routes>
          <Route path="/masuk" element={<LoginPage />} />
          {/* the public transparency page needs no session: outside RequireAuth */}
          <Route
            path="/publik"
            element={
              <Page>
                <PublicIndexPage />
              </Page>
            }
          />
          <Route
            path="/publik/:city"
            element={
              <Page>
                <PublicCityPage />
              </Page>
            }
          />
          <Route
            element={
              <RequireAuth>
                <Layout />
              </RequireAuth>
            }
          >
            <Route index element={<HomePage />} />
            <Route path="organisasi" element={<OrgPage />} />
            <Route path="pegawai" element={<EmployeesPage />} />
            <Route path="pegawai/:id" element={<EmployeeProfilePage />} />
            <Route
              path="impor"
              element={
                <Page>
                  <ImportPage />
                </Page>
              }
            />
            <Route
              path="audit"
              element={
                <Page>
                  <AuditPage />
                </Page>
              }
            />
            <Route
              path="skp"
              element={
                <Page>
                  <MySkpPage />
                </Page>
              }
            />
            <Route
              path="skp/bawahan"
              element={
                <Page>
                  <SubordinateSkpsPage />
                </Page>
              }
            />
            <Route
              path="skp/:id"
              element={
                <Page>
                  <SkpPage />
                </Page>
              }
            />
            <Route
              path="sasaran"
              element={
                <Page>
                  <GoalsPage />
                </Page>
              }
            />
            <Route
              path="sasaran/:id"
              element={
                <Page>
                  <CascadePage />
                </Page>
              }
            />
            <Route
              path="rhk/:id/jalur"
              element={
                <Page>
                  <RhkPathPage />
                </Page>
              }
            />
            <Route
              path="kotak-masuk"
              element={
                <Page>
                  <InboxPage />
                </Page>
              }
            />
            <Route
              path="aktivitas"
              element={
                <Page>
                  <ActivityLogPage />
                </Page>
              }
            />
            <Route
              path="aktivitas/verifikasi"
              element={
                <Page>
                  <ActivityVerifyPage />
                </Page>
              }
            />
            <Route
              path="beban-kerja"
              element={
                <Page>
                  <MyWorkloadPage />
                </Page>
              }
            />
            <Route
              path="beban-kerja/pegawai/:id"
              element={
                <Page>
                  <EmployeeWorkloadPage />
                </Page>
              }
            />
            <Route
              path="beban-kerja/unit/:id"
              element={
                <Page>
                  <UnitWorkloadPage />
                </Page>
              }
            />
            <Route
              path="beban-kerja/kota"
              element={
                <Page>
                  <CityWorkloadPage />
                </Page>
              }
            />
            <Route
              path="abk"
              element={
                <Page>
                  <AbkPage />
                </Page>
              }
            />
            <Route
              path="pengaturan/katalog"
              element={
                <Page>
                  <CatalogPage />
                </Page>
              }
            />
            <Route
              path="penilaian"
              element={
                <Page>
                  <SubordinateEvaluationsPage />
                </Page>
              }
            />
            <Route
              path="penilaian/saya"
              element={
                <Page>
                  <MyEvaluationsPage />
                </Page>
              }
            />
            <Route
              path="penilaian/keberatan"
              element={
                <Page>
                  <ObjectionsPage />
                </Page>
              }
            />
            <Route
              path="penilaian/kurva"
              element={
                <Page>
                  <CurvePage />
                </Page>
              }
            />
            <Route
              path="penilaian/kurva/:unitId"
              element={
                <Page>
                  <UnitCurvePage />
                </Page>
              }
            />
            <Route
              path="penilaian/skp/:skpId/:kind"
              element={
                <Page>
                  <EvaluationFormPage />
                </Page>
              }
            />
            <Route
              path="penilaian/:id"
              element={
                <Page>
                  <EvaluationDetailPage />
                </Page>
              }
            />
            <Route
              path="kehadiran"
              element={
                <Page>
                  <MyAttendancePage />
                </Page>
              }
            />
            <Route
              path="kehadiran/pegawai/:id"
              element={
                <Page>
                  <EmployeeAttendancePage />
                </Page>
              }
            />
            <Route
              path="kehadiran/bawahan"
              element={
                <Page>
                  <SubordinatesAttendancePage />
                </Page>
              }
            />
            <Route
              path="kehadiran/unit"
              element={
                <Page>
                  <UnitAttendancePage />
                </Page>
              }
            />
            <Route
              path="kehadiran/unit/:id"
              element={
                <Page>
                  <UnitAttendancePage />
                </Page>
              }
            />
            <Route
              path="kehadiran/cuti"
              element={
                <Page>
                  <LeavePage />
                </Page>
              }
            />
            <Route
              path="kehadiran/impor"
              element={
                <Page>
                  <AttendanceImportPage />
                </Page>
              }
            />
            <Route
              path="pengaturan/kalender"
              element={
                <Page>
                  <WorkCalendarPage />
                </Page>
              }
            />
            <Route
              path="dasbor"
              element={
                <Page>
                  <CityDashboardPage />
                </Page>
              }
            />
            <Route
              path="dasbor/unit/:id"
              element={
                <Page>
                  <UnitDashboardPage />
                </Page>
              }
            />
            <Route
              path="akun"
              element={
                <Page>
                  <MyAccountPage />
                </Page>
              }
            />
            <Route
              path="akun/:employeeId"
              element={
                <Page>
                  <EmployeeAccountPage />
                </Page>
              }
            />
            <Route
              path="tpp"
              element={
                <Page>
                  <MyTppPage />
                </Page>
              }
            />
            <Route
              path="tpp/pegawai/:id"
              element={
                <Page>
                  <EmployeeTppPage />
                </Page>
              }
            />
            <Route
              path="tpp/proses"
              element={
                <Page>
                  <TppRunsPage />
                </Page>
              }
            />
            <Route
              path="tpp/proses/:id"
              element={
                <Page>
                  <TppRunPage />
                </Page>
              }
            />
            <Route
              path="pengaturan/tpp"
              element={
                <Page>
                  <TppSettingsPage />
                </Page>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
