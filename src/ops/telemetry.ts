import { Attributes, BatchObservableResult, Counter, Histogram, Meter, MeterProvider, metrics, SpanKind, SpanStatusCode, trace, Tracer, TracerProvider } from '@opentelemetry/api';
import type { TurnSummary } from './turnScope';

/**
 * The bot's traces and metrics, through the OpenTelemetry API only: without an SDK registered
 * (APPLICATIONINSIGHTS_CONNECTION_STRING unset) every call here is a no-op. Attributes are the
 * fields of the `turn` log line and nothing else: values the bot itself defines, never message
 * text, names, user or tenant ids, tokens or headers.
 */

const SCOPE = 'air-guidance-bot';
const ROUTE = '/api/messages';

/** Turn latencies, in ms: from a fast click to the 10 s turn deadline and the channel's 15 s. */
const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 15_000];

interface Instruments {
  readonly tracer: Tracer;
  readonly meter: Meter;
  readonly turns: Counter;
  readonly turnDuration: Histogram;
  readonly connectorRetries: Counter;
}

let current: { tracerProvider: TracerProvider; meterProvider: MeterProvider; instruments: Instruments } | undefined;

function createInstruments(tracerProvider: TracerProvider, meterProvider: MeterProvider): Instruments {
  const meter = meterProvider.getMeter(SCOPE);
  return {
    tracer: tracerProvider.getTracer(SCOPE),
    meter,
    turns: meter.createCounter('bot.turns', { description: 'Requests to POST /api/messages, by outcome and activity type', unit: '{turn}' }),
    turnDuration: meter.createHistogram('bot.turn.duration', {
      description: 'Time from a request to its answer, by outcome',
      unit: 'ms',
      advice: { explicitBucketBoundaries: LATENCY_BUCKETS_MS },
    }),
    connectorRetries: meter.createCounter('bot.connector.retries', { description: 'Bot Connector calls retried, by the status that asked for it', unit: '{retry}' }),
  };
}

/**
 * Instruments from the providers registered now. The SDK registers its providers after this module
 * has loaded (and a test may register its own), and instruments taken from the API's no-op
 * providers stay no-ops, so they are made again whenever the registered providers change.
 */
function instruments(): Instruments {
  const tracerProvider = trace.getTracerProvider();
  const meterProvider = metrics.getMeterProvider();
  if (current?.tracerProvider !== tracerProvider || current.meterProvider !== meterProvider) {
    current = { tracerProvider, meterProvider, instruments: createInstruments(tracerProvider, meterProvider) };
  }
  return current.instruments;
}

/** How one request ended: what its `turn` log line says. */
export interface RequestRecord {
  readonly correlationId: string;
  readonly outcome: string;
  readonly status: number;
  readonly latencyMs: number;
  /** Logged as an error: the span's status says so too. */
  readonly failed: boolean;
  readonly summary?: TurnSummary;
}

/** One POST /api/messages from its arrival to its answer. */
export interface RequestTelemetry {
  end(record: RequestRecord): void;
}

/** The turn summary as attributes, field by field: nothing the summary does not name gets in. */
function summaryAttributes(summary: TurnSummary | undefined): Attributes {
  if (!summary) return {};
  const { activityType, invokeName, command, verb } = summary;
  return {
    'bot.activity_type': activityType,
    ...(invokeName !== undefined ? { 'bot.invoke_name': invokeName } : {}),
    ...(command !== undefined ? { 'bot.command': command } : {}),
    ...(verb !== undefined ? { 'bot.verb': verb } : {}),
  };
}

/** Starts the request's span; `end` closes it and counts the turn and its latency. */
export function startRequest(): RequestTelemetry {
  const { tracer, turns, turnDuration } = instruments();
  const span = tracer.startSpan(`POST ${ROUTE}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'POST', 'http.route': ROUTE } });
  return {
    end({ correlationId, outcome, status, latencyMs, failed, summary }) {
      span.setAttributes({ ...summaryAttributes(summary), 'bot.correlation_id': correlationId, 'bot.outcome': outcome, 'http.response.status_code': status });
      if (failed) span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
      span.end();
      // Invoke names and commands stay on spans: as metric dimensions they would multiply the series.
      turns.add(1, { 'bot.outcome': outcome, 'bot.activity_type': summary?.activityType ?? 'unknown' });
      turnDuration.record(latencyMs, { 'bot.outcome': outcome });
    },
  };
}

/** The connector answered `status` and the call is tried again. */
export function countConnectorRetry(status: number): void {
  instruments().connectorRetries.add(1, { 'http.response.status_code': status });
}

/** What the server reports on each metric collection, read from where it is already kept. */
export interface ServerGauges {
  readonly turnsInFlight: () => number;
  /** Failed store calls since start-up (the store's own count: ObservedStorage). */
  readonly storageFailures: () => number;
}

/**
 * Reports the gauges on every collection for as long as the process lives: also on the last one,
 * at shutdown, after the server has closed.
 */
export function observeServer(gauges: ServerGauges): void {
  const { meter } = instruments();
  const inFlight = meter.createObservableGauge('bot.turns.in_flight', { description: 'Turns being handled now', unit: '{turn}' });
  const storageFailures = meter.createObservableCounter('bot.storage.failures', { description: 'Failed calls to the state store since start-up', unit: '{failure}' });
  meter.addBatchObservableCallback(
    (result: BatchObservableResult) => {
      result.observe(inFlight, gauges.turnsInFlight());
      result.observe(storageFailures, gauges.storageFailures());
    },
    [inFlight, storageFailures],
  );
}
