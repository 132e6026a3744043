import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ApiError, setUnauthorizedHandler } from './api';
import { RequireAuth } from './auth';
import { Layout } from './components/Layout';
import { AuditPage } from './pages/Audit';
import { EmployeeProfilePage } from './pages/EmployeeProfile';
import { EmployeesPage } from './pages/Employees';
import { HomePage } from './pages/Home';
import { ImportPage } from './pages/Import';
import { LoginPage } from './pages/Login';
import { NotFoundPage } from './pages/NotFound';
import { OrgPage } from './pages/Org';
import { keys } from './queries';

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
            <Route path="impor" element={<ImportPage />} />
            <Route path="audit" element={<AuditPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
