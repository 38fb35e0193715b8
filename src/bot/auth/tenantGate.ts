import { createHash } from 'node:crypto';
import { Activity, ActivityTypes, MiddlewareHandler } from 'botbuilder-core';
import { Logger } from '../../ops/logger';
import { textInvokeResponse } from '../delivery';

export const FOREIGN_TENANT_REPLY = 'Sorry, this bot is only available to the organisations that run it.';

const FORBIDDEN = 403;

/** Every tenant the activity names: Teams puts it in channelData and, for most activities, on the conversation too. */
function tenantsNamed(activity: Partial<Activity>): string[] {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return [fromChannelData, activity.conversation?.tenantId]
    .filter((id): id is string => typeof id === 'string' && id !== '')
    .map((id) => id.toLowerCase());
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A refused tenant id as logged: a real tenant id is a GUID and is kept; anything else came from
 * whoever sent the activity, so only a short digest of it is logged, whatever its length.
 */
function loggedTenant(id: string): string {
  return GUID.test(id) ? id : `not-a-guid:${createHash('sha256').update(id).digest('hex').slice(0, 12)}`;
}

/**
 * Lets through only activities from the allowed tenants (every tenant the activity names must be
 * one, and it must name one); an empty list allows any. A refused activity gets a polite answer and
 * nothing else: the bot never sees it, so no dialog runs and no state is read or written.
 */
export function tenantGate(allowedTenantIds: readonly string[], log: Logger): MiddlewareHandler {
  const allowed = new Set(allowedTenantIds.map((id) => id.toLowerCase()));
  return async (context, next) => {
    const named = tenantsNamed(context.activity);
    if (allowed.size === 0 || (named.length > 0 && named.every((id) => allowed.has(id)))) return next();

    const { type, name } = context.activity;
    log.warn({ tenants: named.map(loggedTenant), activityType: type }, 'activity from a tenant that is not allowed: refused');
    if (type === ActivityTypes.Invoke) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: textInvokeResponse(name, FOREIGN_TENANT_REPLY, FORBIDDEN) });
    } else if (type === ActivityTypes.Message) {
      await context.sendActivity(FOREIGN_TENANT_REPLY);
    }
  };
}
