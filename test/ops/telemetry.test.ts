import { metrics, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AggregationTemporality, DataPoint, InMemoryMetricExporter, MeterProvider, MetricData, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { EdgeServer, startEdgeServer } from '../support/edgeServer';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { ANALYST, ownCardClick, typedMessage } from '../support/wireActivities';
import { CARD_ACTION_INVOKE } from '../../src/core/wireNames';
import { MemoryStateStore } from '../../src/storage/memory/memoryStateStore';
import type { StateItems, StateStore, WrittenETags } from '../../src/storage/stateStore';

/**
 * The HTTP edge, adapter and bot in this process, with OpenTelemetry's SDK registered over
 * in-memory exporters, as the Azure Monitor distro registers it: one span per request, turns by
 * outcome, latency, a storage failure, a connector retry, turns in flight, and nothing private in
 * any attribute.
 */

const MARKER = 'PRIVATE-NOTE-ABOUT-INCIDENT-7731';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.TELEMETRY-TEST-TOKEN.c2lnbmF0dXJl';
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CONVERSATION_ID = 'a:edge-personal-chat';

/** A store that fails every call while `down` is set, as a full disk or a lost connection does. */
class SwitchableStorage implements StateStore {
  down = false;
  private readonly inner = new MemoryStateStore();

  read(keys: readonly string[]): Promise<StateItems> {
    return this.down ? Promise.reject(new Error('ENOSPC: no space left on device')) : this.inner.read(keys);
  }

  write(changes: StateItems): Promise<WrittenETags> {
    return this.down ? Promise.reject(new Error('ENOSPC: no space left on device')) : this.inner.write(changes);
  }

  delete(keys: readonly string[]): Promise<void> {
    return this.down ? Promise.reject(new Error('ENOSPC: no space left on device')) : this.inner.delete(keys);
  }
}

const spanExporter = new InMemorySpanExporter();
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const metricReader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
const store = new SwitchableStorage();
let edge: EdgeServer;
let connector: FakeConnector;

beforeAll(async () => {
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] }));
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [metricReader] }));
  connector = await startFakeConnector();
  edge = await startEdgeServer({ storage: store });
});

afterAll(async () => {
  await edge.close();
  await connector.close();
  await metricReader.shutdown();
  trace.disable();
  metrics.disable();
});

/** Every metric as collected now, by name. */
async function collectMetrics(): Promise<Map<string, MetricData>> {
  metricExporter.reset();
  await metricReader.forceFlush();
  const collected = metricExporter.getMetrics().flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics));
  return new Map(collected.map((metric) => [metric.descriptor.name, metric]));
}

const points = (metric: MetricData | undefined): DataPoint<unknown>[] => (metric?.dataPoints ?? []) as DataPoint<unknown>[];
const sumWhere = (metric: MetricData | undefined, key: string, value: unknown): number =>
  points(metric)
    .filter((point) => point.attributes[key] === value)
    .reduce((sum, point) => sum + (point.value as number), 0);

const post = (activity: object): ReturnType<EdgeServer['postActivity']> => edge.postActivity(activity, `Bearer ${TOKEN}`);

test('requests become one span each and metrics by outcome, with a storage failure, a connector retry and turns in flight back to 0', async () => {
  // Pasted evidence, whose answer the connector throttles once: retried, then delivered.
  connector.answerNext(429);
  expect((await post(typedMessage(`${MARKER} LAPTOP-42 quarantined invoice.docx, false positive`, connector.serviceUrl))).status).toBe(200);
  // A card click, answered in its HTTP answer.
  expect((await post(ownCardClick({ verb: 'command', command: 'undo' }, connector.serviceUrl))).status).toBe(200);
  // The store is down: the analyst is told so; the turn is a failure, and so is the store call.
  store.down = true;
  expect((await post(typedMessage(`adjust ${MARKER}`, connector.serviceUrl))).status).toBe(200);
  store.down = false;
  // Not JSON: refused before any turn.
  expect((await edge.post(`{"type":"message","text":"${MARKER}"`, { authorization: `Bearer ${TOKEN}` })).status).toBe(400);

  const spans: ReadableSpan[] = spanExporter.getFinishedSpans();
  expect(spans).toHaveLength(4);
  for (const span of spans) {
    expect(span.name).toBe('POST /api/messages');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.attributes['http.route']).toBe('/api/messages');
    expect(span.attributes['bot.correlation_id']).toMatch(/^[0-9a-f-]{36}$/);
  }
  expect(spans.map((span) => [span.attributes['bot.outcome'], span.attributes['http.response.status_code']])).toEqual([
    ['answered', 200],
    ['answered', 200],
    ['failed', 200],
    ['refused', 400],
  ]);
  expect(spans[0].attributes).toMatchObject({ 'bot.activity_type': 'message', 'bot.command': 'none' });
  expect(spans[1].attributes).toMatchObject({ 'bot.activity_type': 'invoke', 'bot.invoke_name': CARD_ACTION_INVOKE, 'bot.verb': 'command', 'bot.command': 'undo' });
  expect(spans[2].attributes).toMatchObject({ 'bot.activity_type': 'message', 'bot.command': 'none' });
  expect(spans[3].attributes['bot.activity_type']).toBeUndefined();
  expect(spans.map((span) => span.status)).toEqual([
    { code: SpanStatusCode.UNSET },
    { code: SpanStatusCode.UNSET },
    { code: SpanStatusCode.ERROR, message: 'failed' },
    { code: SpanStatusCode.UNSET },
  ]);

  const collected = await collectMetrics();
  const turns = collected.get('bot.turns');
  expect(sumWhere(turns, 'bot.outcome', 'answered')).toBe(2);
  expect(sumWhere(turns, 'bot.outcome', 'failed')).toBe(1);
  expect(sumWhere(turns, 'bot.outcome', 'refused')).toBe(1);
  expect(sumWhere(turns, 'bot.activity_type', 'message')).toBe(2);
  expect(sumWhere(turns, 'bot.activity_type', 'invoke')).toBe(1);
  const latency = points(collected.get('bot.turn.duration'));
  expect(latency.reduce((sum, point) => sum + (point.value as { count: number }).count, 0)).toBe(4);
  expect(collected.get('bot.turn.duration')?.descriptor.unit).toBe('ms');
  expect(sumWhere(collected.get('bot.connector.retries'), 'http.response.status_code', 429)).toBe(1);
  expect(points(collected.get('bot.storage.failures'))[0].value).toBe(1);
  expect(points(collected.get('bot.turns.in_flight'))[0].value).toBe(0);

  // Nothing the analyst typed, nor who they are, where they are, or the token, in any attribute.
  const attributes = JSON.stringify([
    ...spans.map((span) => span.attributes),
    ...[...collected.values()].flatMap((metric) => points(metric).map((point) => point.attributes)),
  ]);
  for (const secret of [MARKER, TOKEN, 'Bearer', ANALYST.id, ANALYST.name, TENANT_ID, CONVERSATION_ID, connector.serviceUrl]) {
    expect(attributes).not.toContain(secret);
  }
});

test('the in-flight gauge counts a turn held by the connector, and drops back when it ends', async () => {
  connector.hold();
  const answer = post(typedMessage('help', connector.serviceUrl));
  let inFlight = 0;
  for (let tries = 0; tries < 100 && inFlight === 0; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    inFlight = points((await collectMetrics()).get('bot.turns.in_flight'))[0].value as number;
  }
  expect(inFlight).toBe(1);
  connector.release();
  expect((await answer).status).toBe(200);
  expect(points((await collectMetrics()).get('bot.turns.in_flight'))[0].value).toBe(0);
});
