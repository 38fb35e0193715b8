import { createHash } from 'node:crypto';
import type { Logger } from '../ops/logger';
import { incidentViewOf, renderIncidentCard } from '../core/intake/incidentCard';
import { evidenceOf, knownEvidence, primaryEntity } from '../core/intake/entities';
import { qualifies, IntakeMode } from '../core/intake/qualifying';
import type { ChannelPoster } from './channelPoster';
import { PostFailedError, WritesBlockedError } from './channelPoster';
import type { GraphReader } from './graphReader';
import type { IntakeStore } from './intakeStore';

export type IncidentOutcome = 'posted' | 'found posted' | 'updated' | 'unchanged' | 'claimed elsewhere' | 'not qualifying' | 'not found' | 'post failed';

/**
 * One incident to its thread, exactly once: read it from Graph (never from what was pushed or
 * polled), claim it, post, record the thread; or, when it has a thread, update that card in place.
 * Logs one line with the incident's id and the outcome, never an entity's value.
 */
export interface IntakeDeps {
  readonly graph: GraphReader;
  readonly store: IntakeStore;
  readonly poster: ChannelPoster;
  readonly mode: IntakeMode;
  readonly log: Logger;
  /** Where a post of an unfinished claim is looked for; undefined (no INTAKE_TEAM_ID): it cannot be, and is made again. */
  readonly channel: { readonly teamId: string | undefined; readonly channelId: string };
}

export async function bringIncident(id: string, deps: IntakeDeps): Promise<IncidentOutcome> {
  const outcome = await outcomeOf(id, deps).catch((error: unknown) => {
    if (error instanceof WritesBlockedError) throw error;
    deps.log.warn({ incidentId: id, err: error }, 'intake: incident not posted, tried again on the next poll');
    return 'post failed' as const;
  });
  if (outcome !== 'post failed') deps.log.info({ incidentId: id, outcome }, `intake: incident ${id} ${outcome}`);
  return outcome;
}

async function outcomeOf(id: string, { graph, store, poster, mode, channel }: IntakeDeps): Promise<IncidentOutcome> {
  const incident = await graph.incident(id);
  if (!incident) return 'not found';
  const alerts = Array.isArray(incident.alerts) ? incident.alerts : [];
  if (!alerts.some((alert) => qualifies(alert, mode))) return 'not qualifying';
  const view = incidentViewOf(id, incident);
  const card = renderIncidentCard(view);
  const fingerprint = createHash('sha256').update(JSON.stringify(card)).digest('base64url');
  const thread = { fingerprint, ids: view.entities.map((entity) => entity.ids) };
  const main = primaryEntity(view.entities);
  const about = main ? { display: evidenceOf(main).display, known: knownEvidence(main) } : undefined;

  const claim = await store.claim(id);
  if (!claim.won) {
    if (claim.thread.state !== 'posted') return 'claimed elsewhere';
    if (claim.thread.fingerprint === fingerprint) return 'unchanged';
    await poster.update(claim.thread, card);
    await store.posted(id, { ...claim.thread, ...thread });
    return 'updated';
  }
  const earlier = claim.takenOver && channel.teamId ? await graph.postedThread(channel.teamId, channel.channelId, id) : undefined;
  if (earlier) {
    await recordPosted(() => store.posted(id, { state: 'posted', ...earlier, fingerprint: '', ids: thread.ids }, about));
    return 'found posted';
  }
  let posted: Awaited<ReturnType<ChannelPoster['newThread']>>;
  try {
    posted = await poster.newThread(card);
  } catch (error) {
    // A refusal with a status never landed: the claim is given back. No answer at all keeps it, to be taken over once stale.
    if (error instanceof PostFailedError && error.status !== undefined) await store.release(id, claim.eTag);
    throw error;
  }
  await recordPosted(() => store.posted(id, { state: 'posted', ...posted, ...thread }, about));
  return 'posted';
}

const RECORD_ATTEMPTS = 5;

/** The thread is in the channel: its record must land, or a later poll would post it again. */
async function recordPosted(write: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= RECORD_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    }
  }
}
