import type { InstrumentationOptions } from '@azure/monitor-opentelemetry';

/** The cloud role name in Application Insights, unless OTEL_SERVICE_NAME names another. */
const SERVICE_NAME = 'air-guidance-bot';

/**
 * No automatic instrumentation: the edge's own span (src/ops/telemetry.ts) is the one request span,
 * with safe attributes only. The HTTP and Azure SDK instrumentations would add spans whose URLs
 * carry conversation ids, and the log ones would export log lines.
 */
const OFF = { enabled: false };
const NO_INSTRUMENTATION: Required<InstrumentationOptions> = {
  azureSdk: OFF,
  http: OFF,
  mongoDb: OFF,
  mySql: OFF,
  postgreSql: OFF,
  redis: OFF,
  redis4: OFF,
  bunyan: OFF,
  winston: OFF,
};

/**
 * Registers the OpenTelemetry SDK, exporting the bot's spans and metrics to Azure Monitor; returns
 * what flushes and stops it. Called only when APPLICATIONINSIGHTS_CONNECTION_STRING is set: the SDK
 * is required here, not imported, so a bot without it never loads any of it (start-up time and
 * memory stay as they were), and the bundle leaves it in node_modules (scripts/bundle.ts).
 */
export function startAzureMonitorExport(connectionString: string): () => Promise<void> {
  process.env.OTEL_SERVICE_NAME ??= SERVICE_NAME;
  const { useAzureMonitor, shutdownAzureMonitor } = require('@azure/monitor-opentelemetry') as typeof import('@azure/monitor-opentelemetry');
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    // Live Metrics streams request and exception details to a second endpoint; not needed here.
    enableLiveMetrics: false,
    instrumentationOptions: NO_INSTRUMENTATION,
  });
  return async () => {
    await shutdownAzureMonitor();
  };
}
