import { Command } from 'commander';
import { loadConfig } from '../core/config.ts';
import { type Db, migrateToLatest, openDatabase } from '../db/index.ts';
import { rebuildRollups } from '../modules/activities/repository.ts';
import { verifyChain } from '../modules/audit/service.ts';
import { findTenantBySlug } from '../modules/tenancy/repository.ts';
import { seedDemoIfEmpty } from '../seed/demo.ts';

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const program = new Command('kinerja').description('Kinerja command line');

program
  .command('migrate')
  .description('apply database migrations')
  .action(() =>
    withDb(async (db) => {
      const applied = await migrateToLatest(db);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    }),
  );

program
  .command('seed')
  .description('seed the demo cities (Surabaya, Jambi) into an empty database')
  .action(() =>
    withDb(async (db) => {
      await migrateToLatest(db);
      const seeded = await seedDemoIfEmpty(db);
      console.log(
        seeded
          ? seeded.map((c) => `${c.city}: ${c.employees} employees`).join('\n')
          : 'database already has data; nothing seeded',
      );
    }),
  );

const audit = program.command('audit').description('audit log tools');
audit
  .command('verify')
  .description('verify the hash chain of one city; exits 1 at the first broken entry')
  .requiredOption('--tenant <slug>', 'city, e.g. surabaya')
  .action((opts: { tenant: string }) =>
    withDb(async (db) => {
      const tenant = await findTenantBySlug(db.kysely, opts.tenant);
      if (!tenant) {
        console.error(`unknown city: ${opts.tenant}`);
        process.exitCode = 2;
        return;
      }
      const result = await verifyChain(db.kysely, tenant.id);
      console.log(JSON.stringify({ tenant: opts.tenant, ...result }));
      if (!result.ok) process.exitCode = 1;
    }),
  );

const rollups = program.command('rollups').description('workload rollups');
rollups
  .command('rebuild')
  .description("recompute one city's activity rollups from the activity log")
  .requiredOption('--tenant <slug>', 'city, e.g. surabaya')
  .action((opts: { tenant: string }) =>
    withDb(async (db) => {
      const tenant = await findTenantBySlug(db.kysely, opts.tenant);
      if (!tenant) {
        console.error(`unknown city: ${opts.tenant}`);
        process.exitCode = 2;
        return;
      }
      const started = Date.now();
      const counts = await rebuildRollups(db.kysely, tenant.id);
      console.log(JSON.stringify({ tenant: opts.tenant, ...counts, ms: Date.now() - started }));
    }),
  );

await program.parseAsync();
