import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import { badRequest } from '../../core/errors.ts';
import './messages.ts';
import { transaction } from '../../db/index.ts';
import { audit } from '../audit/service.ts';
import { catalogPolicy } from './policy.ts';
import * as repo from './repository.ts';
import type { ActivityRulesInput } from './schemas.ts';
import { type ActivitySettings, activitySettingsOf, forgetSettings, loadSettings } from './settings.ts';

/** The city's activity and workload rules, as every signed-in member of the city may read them. */
export async function getRules(ctx: RequestContext): Promise<ActivitySettings> {
  catalogPolicy.authorize(ctx.actor, 'read', null);
  return loadSettings(ctx.db, ctx.actor.tenantId);
}

/**
 * BKPSDM changes some rules; the others keep their value. Only the `activities` block of the city's settings
 * is touched (other modules keep theirs in the same document), and the change is audited before/after.
 */
export async function updateRules(
  ctx: RequestContext,
  input: z.infer<typeof ActivityRulesInput>,
): Promise<ActivitySettings> {
  catalogPolicy.authorize(ctx.actor, 'manage', null);
  const saved = await transaction(ctx.db, async (trx) => {
    const text = await repo.tenantSettingsText(trx, ctx.actor.tenantId);
    const document = parseDocument(text);
    const before = activitySettingsOf(text);
    const after: ActivitySettings = { ...before, ...input };
    if (after.underThreshold >= after.overThreshold)
      throw badRequest('ACTIVITY_RULES_THRESHOLDS', {
        under: after.underThreshold,
        over: after.overThreshold,
      });
    if (after.maxEntryMinutes > after.dailyMaxMinutes)
      throw badRequest('ACTIVITY_RULES_ENTRY_MAX', {
        entry: after.maxEntryMinutes,
        daily: after.dailyMaxMinutes,
      });
    await repo.saveTenantSettingsText(
      trx,
      ctx.actor.tenantId,
      JSON.stringify({ ...document, activities: after }),
    );
    await audit(trx, ctx, {
      action: 'activity_rules.update',
      entityType: 'tenant_settings',
      entityId: ctx.actor.tenantId,
      before,
      after,
    });
    return after;
  });
  forgetSettings(ctx.db, ctx.actor.tenantId);
  return saved;
}

function parseDocument(text: string | null): Record<string, unknown> {
  try {
    const value = JSON.parse(text || '{}') as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
