import { Activity } from 'botbuilder-core';
// Not the botbuilder index, for the start-up cost explained in adapter.ts.
import { teamsGetTenant } from 'botbuilder/lib/teamsActivityHelpers';

/** The tenant an activity comes from: on its conversation, or in Teams' channel data. */
export const tenantOf = (activity: Partial<Activity>): string | undefined => activity.conversation?.tenantId ?? teamsGetTenant(activity as Activity)?.id ?? undefined;
