/**
 * Optional blocks of the performance account (attendance, TPP, predikat history, talent box) come from the
 * modules that own the data. Each module registers a loader once at start-up, e.g. in its routes file:
 *
 *   registerAccountSection('tpp', async (ctx, subject) => ({ month: subject.month, status: 'estimate', … }));
 *
 * A loader returns null when it has nothing for this person; the block is then left out of the response and
 * the page shows its empty state. Pay sections (`tpp`) run only for callers who may read pay.
 */
import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import { AttendanceBlock, PredikatBlock, TalentBlock, TppBlock } from './schemas.ts';

export interface AccountSections {
  attendance: z.infer<typeof AttendanceBlock>;
  tpp: z.infer<typeof TppBlock>;
  predikat: z.infer<typeof PredikatBlock>;
  talent: z.infer<typeof TalentBlock>;
}
export type SectionName = keyof AccountSections;

/** What a loader knows about the account being built (already authorised for the caller). */
export interface AccountSubject {
  tenantId: string;
  employeeId: string;
  positionId: string | null;
  unitPath: string | null;
  /** `YYYY-MM` shown on the page */
  month: string;
  periodId: string | null;
  year: number;
}

export type SectionLoader<K extends SectionName> = (
  ctx: RequestContext,
  subject: AccountSubject,
) => Promise<AccountSections[K] | null>;

const SHAPES = { attendance: AttendanceBlock, tpp: TppBlock, predikat: PredikatBlock, talent: TalentBlock };

/** Sections that reveal pay: only the employee, BKPSDM, pimpinan and the inspectorate see them. */
export const PAY_SECTIONS: ReadonlySet<SectionName> = new Set(['tpp']);

const loaders = new Map<SectionName, SectionLoader<SectionName>>();

export function registerAccountSection<K extends SectionName>(name: K, loader: SectionLoader<K>): void {
  loaders.set(name, loader as unknown as SectionLoader<SectionName>);
}

/** For tests: the current registrations, to put back later with `restoreAccountSections`. */
export function snapshotAccountSections(): ReadonlyMap<SectionName, SectionLoader<SectionName>> {
  return new Map(loaders);
}

/** For tests: replace the registrations by a snapshot (an empty map runs the account without sections). */
export function restoreAccountSections(snapshot: ReadonlyMap<SectionName, SectionLoader<SectionName>>): void {
  loaders.clear();
  for (const [name, loader] of snapshot) loaders.set(name, loader);
}

/**
 * Run the registered loaders (pay sections only when allowed); a loader that fails, or answers something that
 * does not match the block's schema, leaves its block out.
 */
export async function loadSections(
  ctx: RequestContext,
  subject: AccountSubject,
  readPay: boolean,
): Promise<Partial<AccountSections>> {
  const out: Partial<AccountSections> = {};
  const entries = [...loaders.entries()].filter(([name]) => readPay || !PAY_SECTIONS.has(name));
  const results = await Promise.all(
    entries.map(async ([name, load]) => {
      try {
        return [name, await load(ctx, subject)] as const;
      } catch (err) {
        // one module's failure must not take the whole account down; it is logged by the caller
        return [name, err instanceof Error ? err : new Error(String(err))] as const;
      }
    }),
  );
  for (const [name, value] of results) {
    if (value instanceof Error) {
      process.emitWarning(`account section ${name} failed: ${value.message}`);
      continue;
    }
    if (value === null || value === undefined) continue;
    // a block that does not match its published shape is left out rather than failing the whole page
    const parsed = SHAPES[name].safeParse(value);
    if (!parsed.success) {
      process.emitWarning(`account section ${name} does not match its schema: ${parsed.error.message}`);
      continue;
    }
    (out as Record<string, unknown>)[name] = parsed.data;
  }
  return out;
}
