import { readFileSync } from 'node:fs';

export interface AppConfig {
  databaseUrl: string;
  port: number;
  host: string;
  production: boolean;
  cookieSecure: 'auto' | boolean;
  trustProxy: boolean;
  rateLimit: { max: number; loginMax: number };
  sessionHours: number;
  lockout: { maxFailures: number; minutes: number };
  uploadLimitBytes: number;
  /** where evidence files are stored (content-addressed, one folder per city) */
  filesDir: string;
  version: string;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cookieSecure = env.COOKIE_SECURE;
  return {
    databaseUrl: env.DATABASE_URL || 'sqlite:./data/kinerja.db',
    port: intEnv(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    production: env.NODE_ENV === 'production',
    cookieSecure: cookieSecure === undefined || cookieSecure === 'auto' ? 'auto' : cookieSecure === 'true',
    trustProxy: env.TRUST_PROXY === 'true',
    rateLimit: {
      max: intEnv(env, 'RATE_LIMIT_MAX', 1200),
      loginMax: intEnv(env, 'LOGIN_RATE_LIMIT_MAX', 30),
    },
    sessionHours: intEnv(env, 'SESSION_HOURS', 12),
    lockout: { maxFailures: intEnv(env, 'LOCKOUT_FAILURES', 5), minutes: intEnv(env, 'LOCKOUT_MINUTES', 15) },
    uploadLimitBytes: intEnv(env, 'UPLOAD_LIMIT_BYTES', 50 * 1024 * 1024),
    filesDir: env.FILES_DIR || './data/files',
    version: packageVersion(),
  };
}
