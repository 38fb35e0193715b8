import type { Logger } from '../ops/logger';
import { isIncidentId, qualifies, IntakeMode } from '../core/intake/qualifying';
import { WritesBlockedError } from './channelPoster';
import type { GraphReader } from './graphReader';
import type { IntakeStore } from './intakeStore';

/** The first poll of a tenant looks back this far: a new deployment is not flooded with old incidents. */
const FIRST_LOOK_BACK_MS = 60 * 60_000;
const AT_ONCE = 8;

/**
 * One poll: the alerts changed since the cursor, the incidents that qualify among them, each brought
 * to its thread; then the cursor moves to the newest change seen. If an incident could not be
 * brought (or another instance has yet to post it), the cursor stays before it, so the next poll reads it again (claims keep that from repeating a post).
 */
export async function pollOnce(deps: {
  graph: GraphReader;
  store: IntakeStore;
  mode: IntakeMode;
  log: Logger;
  bring: (incidentId: string) => Promise<string>;
  now?: () => number;
}): Promise<{ incidents: number; failed: number }> {
  const since = (await deps.store.cursor()) ?? new Date((deps.now ?? Date.now)() - FIRST_LOOK_BACK_MS).toISOString();
  const alerts = await deps.graph.changedAlerts(since);
  const newest = alerts.map((alert) => alert.lastUpdateDateTime).filter((at): at is string => typeof at === 'string' && !Number.isNaN(Date.parse(at)));
  const changed = new Set(alerts.map((alert) => alert.incidentId).filter(isIncidentId));
  const qualifying = new Set(alerts.filter((alert) => qualifies(alert, deps.mode)).map((alert) => alert.incidentId).filter(isIncidentId));
  // A change that shows no AIR action still updates a card already posted; otherwise it is skipped, said once.
  const incidents: string[] = [];
  for (const id of changed) {
    if (qualifying.has(id) || (await deps.store.thread(id))) incidents.push(id);
    else deps.log.info({ incidentId: id, outcome: 'not qualifying' }, `intake: incident ${id} skipped: no alert shows AIR acting`);
  }
  const outcomes: string[] = [];
  // A few at a time: the posts are paced anyway, and 200 reads and claims at once only crowd Graph and the store.
  for (let i = 0; i < incidents.length; i += AT_ONCE) outcomes.push(...(await Promise.all(incidents.slice(i, i + AT_ONCE).map((id) => deps.bring(id)))));
  // Another instance's claim not yet posted counts as unfinished too: if that instance dies, this one must read it again.
  const failed = outcomes.filter((outcome) => outcome === 'post failed' || outcome === 'claimed elsewhere').length;
  if (failed === 0 && newest.length > 0) await deps.store.advance(newest.reduce((a, b) => (a > b ? a : b)));
  return { incidents: incidents.length, failed };
}

/** Polls every `seconds` until stopped; a poll that fails is logged and the next one tries again. */
export function startPolling(seconds: number, poll: () => Promise<unknown>, log: Logger, signal: AbortSignal, onBlocked: (error: WritesBlockedError) => void): Promise<void> {
  return (async () => {
    while (!signal.aborted) {
      try {
        await poll();
      } catch (error) {
        if (error instanceof WritesBlockedError) return onBlocked(error);
        if (!signal.aborted) log.warn({ err: error }, 'intake: poll failed; the next poll tries again');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, seconds * 1000);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  })();
}
