import { loadConfig } from './core/config.ts';
import { migrateToLatest, openDatabase } from './db/index.ts';
import { DEMO_PASSWORD, seedDemoIfEmpty } from './seed/demo.ts';
import { buildApp } from './server/app.ts';

const config = loadConfig();
const db = openDatabase(config.databaseUrl);
await migrateToLatest(db);

// Demo cities make a fresh install usable at once; production installs start empty.
if (!config.production || process.env.SEED_DEMO === 'true') {
  const seeded = await seedDemoIfEmpty(db);
  if (seeded) {
    for (const city of seeded) {
      console.log(
        `Seeded ${city.city}: ${city.units} units, ${city.positions} positions, ${city.employees} employees`,
      );
    }
  }
  if (!config.production) {
    const tenants = await db.kysely
      .selectFrom('tenants')
      .select(['slug', 'name'])
      .orderBy('slug', 'desc')
      .execute();
    console.log(`\nDemo logins (password "${DEMO_PASSWORD}" for all; disabled when NODE_ENV=production):`);
    const users = await db.kysely
      .selectFrom('users as u')
      .innerJoin('tenants as t', 't.id', 'u.tenant_id')
      .select(['t.slug', 'u.username', 'u.display_name'])
      .orderBy('t.slug', 'desc')
      .orderBy('u.username')
      .execute();
    for (const t of tenants) {
      console.log(
        `  ${t.name} (kota: ${t.slug}): ${users
          .filter((u) => u.slug === t.slug)
          .map((u) => u.username)
          .join(', ')}`,
      );
    }
  }
}

if (config.production && process.env.SEED_DEMO !== 'true') {
  // demo logins (shared, published password) never work on a production install
  const demoTenants = db.kysely.selectFrom('tenants').select('id').where('settings', 'like', '%"demo":true%');
  await db.kysely.updateTable('users').set({ active: 0 }).where('tenant_id', 'in', demoTenants).execute();
}

const app = await buildApp({ config, db, logger: process.env.LOG_REQUESTS === 'true' });
await app.listen({ port: config.port, host: config.host });
console.log(
  `\nKinerja ${config.version} on http://localhost:${config.port}  (database: ${db.dialect}; API docs: /api/docs)`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close();
    await db.close();
    process.exit(0);
  });
}
