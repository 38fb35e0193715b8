import { randomUUID } from 'node:crypto';
import { BotIdentity, DEFAULT_INTAKE_SERVICE_URL, IntakeSettings, isSecureUrl } from '../config';
import type { Logger } from '../ops/logger';
import type { StateStore } from '../storage/stateStore';
import { appTokens } from './appTokens';
import { ChannelPoster, WritesBlockedError } from './channelPoster';
import { graphReader } from './graphReader';
import { bringIncident } from './incidentIntake';
import { IntakeStore } from './intakeStore';

/** The bot's own application tokens: intake reads Graph with them, and the email undo sends with one. */
export { appTokens };

export { threadAbout } from './intakeStore';
import { pollOnce, startPolling } from './poller';

/** Incidents brought to the channel (issue 26): polled from Graph, or pushed by id, posted once each. */
export interface Intake {
  /** Brings one incident by its Defender id (the push endpoint's way in). */
  bring(incidentId: string): Promise<string>;
  /** Undefined while intake works; why it stopped otherwise (for /readyz). */
  problem(): string | undefined;
  /** Graph requests made so far. */
  graphRequests(): number;
  /**
   * An authenticated activity came through `serviceUrl` from conversation `conversationId`: when that is
   * the intake's channel (or a thread in it), its Connector is the one to post to (unless INTAKE_SERVICE_URL says).
   */
  sawActivity(serviceUrl: string | undefined, conversationId: string | undefined): void;
  stop(): Promise<void>;
}

/**
 * The slots new threads take, shared through the state store by every instance; while the store cannot
 * be reached, this instance paces its own (a second instance may then post beside it).
 */
function threadSlots(store: IntakeStore, intervalMs: number, log: Logger): () => Promise<number> {
  if (intervalMs === 0) return async () => Date.now();
  let last = -Infinity;
  const local = (): number => (last = Math.max(Date.now(), last + intervalMs));
  return async () => {
    try {
      return (last = await store.nextThreadSlot(intervalMs));
    } catch (error) {
      log.warn({ err: error }, 'intake: the shared pace of new threads could not be read; this instance paces its own');
      return local();
    }
  };
}

export interface IntakeOptions {
  readonly graphBaseUrl: string;
  /** The least time between two new threads in the channel; tests and the bench shorten it. */
  readonly threadIntervalMs: number;
}

export function startIntake(settings: IntakeSettings, identity: BotIdentity | undefined, store: StateStore, log: Logger, options: IntakeOptions): Intake {
  const stopping = new AbortController();
  const tokens = appTokens(identity, settings);
  const graph = graphReader(options.graphBaseUrl, tokens.graph, stopping.signal);
  const intakeStore = new IntakeStore(store, randomUUID());
  let seen: string | undefined;
  const serviceUrl = async (): Promise<string> => settings.serviceUrl ?? (seen ??= await intakeStore.serviceUrl().catch(() => undefined)) ?? DEFAULT_INTAKE_SERVICE_URL;
  const sawActivity = (url: string | undefined, conversationId: string | undefined): void => {
    const inChannel = conversationId === settings.channelId || conversationId?.startsWith(`${settings.channelId};`);
    if (settings.serviceUrl !== undefined || !inChannel || !url || url === seen || !isSecureUrl(url)) return;
    seen = url;
    intakeStore.sawServiceUrl(url).catch((error: unknown) => log.warn({ err: error }, 'intake: the channel\'s service URL could not be kept; this instance still uses it'));
  };
  const target = { serviceUrl, channelId: settings.channelId, teamId: settings.teamId, tenantId: identity?.tenantId || undefined, botId: identity?.appId };
  const poster = new ChannelPoster(target, tokens.connector, threadSlots(intakeStore, options.threadIntervalMs, log), stopping.signal);
  let problem: string | undefined;
  const onBlocked = (error: WritesBlockedError): void => {
    problem = 'intake stopped: the bot cannot post in the intake channel (403 MessageWritesBlocked); add it to the team again and restart';
    log.error({ err: error }, problem);
    stopping.abort();
  };
  const bring = (incidentId: string): Promise<string> => bringIncident(incidentId, { graph, store: intakeStore, poster, mode: settings.alerts, log, channel: { teamId: settings.teamId, channelId: settings.channelId } });
  const polling = settings.pollSeconds === undefined
    ? Promise.resolve()
    : startPolling(settings.pollSeconds, () => pollOnce({ graph, store: intakeStore, mode: settings.alerts, log, bring }), log, stopping.signal, onBlocked);
  log.info({ polling: settings.pollSeconds ?? null, push: settings.push !== undefined, alerts: settings.alerts }, 'intake: incidents are brought to the channel');
  return {
    bring: (incidentId) =>
      bring(incidentId).catch((error: unknown) => {
        if (error instanceof WritesBlockedError) onBlocked(error);
        return 'post failed';
      }),
    problem: () => problem,
    graphRequests: graph.requests,
    sawActivity,
    stop: async () => {
      stopping.abort();
      await polling;
    },
  };
}
