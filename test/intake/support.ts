import type { GraphIncident } from '../../src/core/intake/graphShapes';
import { ConnectorCall, FakeConnector } from '../../tools/fakeConnector';
import { emailIncident } from '../../tools/fakeGraphAlerts';
import type { Json } from '../../tools/cardReader';

export const CHANNEL = '19:incident-response@thread.tacv2';

/** `count` incidents AIR acted on, changed in the last minutes, numbered from `first`. */
export function incidents(count: number, first = 0): GraphIncident[] {
  const base = Date.now() - 10 * 60_000;
  return Array.from({ length: count }, (_, i) => emailIncident(first + i, new Date(base + (first + i) * 1000).toISOString()));
}

/** The bot's settings for intake against the local fakes; polling every second. */
export const intakeEnv = (graphUrl: string, connector: FakeConnector, extra: Record<string, string> = {}): Record<string, string> => ({
  INTAKE_CHANNEL_ID: CHANNEL,
  INTAKE_SERVICE_URL: connector.serviceUrl,
  INTAKE_POLL_SECONDS: '1',
  GRAPH_BASE_URL: graphUrl,
  INTAKE_THREAD_INTERVAL_MS: '0',
  LOG_LEVEL: 'info',
  ...extra,
});

export const threads = (connector: FakeConnector): ConnectorCall[] => connector.calls.filter((call) => call.kind === 'create');

export const cardOf = (call: ConnectorCall): Json => (call.activity.activity as { attachments: { content: Json }[] } | undefined)?.attachments?.[0]?.content ?? (call.activity.attachments as { content: Json }[])[0].content;

/** The incident a thread's card is about, read from its summary line. */
export const incidentOfThread = (call: ConnectorCall): string => /Incident (\S+) ·/.exec(JSON.stringify(cardOf(call)))?.[1] ?? 'none';

export async function waitUntil(what: string, test: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The same counts are still the counts after `ms`: nothing more arrives. */
export const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The channel's messages as Graph lists them: every new thread the Connector took, newest first, content as a string. */
export const channelMessagesOf = (connector: FakeConnector) => (): object[] =>
  threads(connector)
    .map((call) => ({ id: call.activityId, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: JSON.stringify(cardOf(call)) }] }))
    .reverse();
