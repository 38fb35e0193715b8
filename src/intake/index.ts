import { randomUUID } from 'node:crypto';
import type { BotIdentity, IntakeSettings } from '../config';
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
  stop(): Promise<void>;
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
  const target = { serviceUrl: settings.serviceUrl, channelId: settings.channelId, teamId: settings.teamId, tenantId: identity?.tenantId || undefined, botId: identity?.appId };
  const poster = new ChannelPoster(target, tokens.connector, options.threadIntervalMs, stopping.signal);
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
    stop: async () => {
      stopping.abort();
      await polling;
    },
  };
}
