import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { FakeConnector, startFakeConnector } from '../../tools/fakeConnector';
import { ANALYST, typedMessage } from '../support/wireActivities';
import { startBotProcess } from '../../tools/botProcess';

/**
 * The built bot, as `npm start` runs it: without APPLICATIONINSIGHTS_CONNECTION_STRING nothing of
 * OpenTelemetry's SDK or the Azure Monitor distro is loaded; with it (pointed at a local ingestion
 * endpoint) the request span and the turn metrics arrive there, without the message text or the
 * analyst's name or id. The bot runs walled in to this machine (support/loopbackOnly.js).
 */

const MARKER = 'PRIVATE-NOTE-ABOUT-INCIDENT-7731';
const INSTRUMENTATION_KEY = '0f9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c';
const SDK_MODULE = /node_modules[\\/](@opentelemetry|@azure[\\/]monitor-opentelemetry)[\\/]/;
/** The distro asks the Azure VM metadata service who it runs on, at every start; refused here. */
const AZURE_VM_METADATA = '169.254.169.254';

interface Ingestion {
  readonly url: string;
  /** Every envelope posted so far, as JSON text. */
  readonly envelopes: string[];
  close(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1: the exporter sends over https only. */
function localCertificate(dir: string): { key: string; cert: string; certFile: string } {
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

/** A local Application Insights ingestion endpoint: it accepts every envelope and keeps it, or (`hang`) never answers. */
async function startIngestion(tls: { key: string; cert: string }, hang = false): Promise<Ingestion> {
  const envelopes: string[] = [];
  const server = https.createServer(tls, async (req, res) => {
    if (hang) return;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
    const items = text.trim().startsWith('[') ? (JSON.parse(text) as unknown[]) : text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown);
    envelopes.push(...items.map((item) => JSON.stringify(item)));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    envelopes,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let workDir: string;
let connector: FakeConnector;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'telemetry-export-'));
  connector = await startFakeConnector();
});

afterAll(async () => {
  await connector.close();
  rmSync(workDir, { recursive: true, force: true });
});

interface ProcessReport {
  readonly refusedHosts: string[];
  readonly modules: string[];
  /** From SIGTERM to the exit. */
  readonly stopMs: number;
  readonly output: string;
}

/** Runs the bot through one typed message and a gentle stop; returns what it loaded and tried to reach. */
async function runOneTurn(env: Record<string, string>, name: string): Promise<ProcessReport> {
  const reportFile = path.join(workDir, `${name}.json`);
  const bot = await startBotProcess({
    env: { STORAGE: 'memory', PROCESS_REPORT_FILE: reportFile, ...env },
    nodeArgs: ['--require', path.join(__dirname, '..', 'support', 'loopbackOnly.js')],
  });
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(typedMessage(`${MARKER} LAPTOP-42 quarantined invoice.docx, false positive`, connector.serviceUrl)),
  });
  expect(response.status).toBe(200);
  const stopping = Date.now();
  expect(await bot.stop()).toEqual({ code: 0, signal: null });
  const stopMs = Date.now() - stopping;
  return { ...(JSON.parse(readFileSync(reportFile, 'utf8')) as Omit<ProcessReport, 'stopMs' | 'output'>), stopMs, output: bot.output() };
}

/** What the bot needs to export to the local endpoint, and nowhere else. */
const exportingTo = (ingestion: Ingestion, certFile: string): Record<string, string> => ({
  APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${INSTRUMENTATION_KEY};IngestionEndpoint=${ingestion.url}`,
  NODE_EXTRA_CA_CERTS: certFile,
  // No SDK statistics to Microsoft's own endpoint (docs/operations.md, Traces and metrics).
  APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
  // Every span: the distro's default keeps at most 5 traces a second, and may drop the first.
  OTEL_TRACES_SAMPLER: 'always_on',
});

test('without the connection string no OpenTelemetry SDK or Azure Monitor module is loaded, and nothing beyond this machine is called', async () => {
  const { modules, refusedHosts } = await runOneTurn({}, 'off');
  expect(modules.length).toBeGreaterThan(0);
  expect(modules.filter((file) => SDK_MODULE.test(file))).toEqual([]);
  expect(refusedHosts).toEqual([]);
});

test('with the connection string the request span and turn metrics reach the ingestion endpoint, nothing private in them', async () => {
  const tls = localCertificate(workDir);
  const ingestion = await startIngestion(tls);
  try {
    const { modules, refusedHosts } = await runOneTurn(exportingTo(ingestion, tls.certFile), 'on');
    expect(modules.some((file) => SDK_MODULE.test(file))).toBe(true);
    expect(refusedHosts.filter((host) => host !== AZURE_VM_METADATA)).toEqual([]);

    const { envelopes } = ingestion;
    const request = envelopes.find((e) => e.includes('"RequestData"'));
    expect(request).toContain('POST /api/messages');
    expect(request).toContain('"bot.outcome":"answered"');
    expect(request).toContain('"bot.command":"none"');
    for (const metric of ['bot.turns', 'bot.turn.duration', 'bot.turns.in_flight', 'bot.storage.failures']) {
      expect(envelopes.some((e) => e.includes(`"name":"${metric}"`))).toBe(true);
    }
    for (const secret of [MARKER, ANALYST.id, ANALYST.name, 'LAPTOP-42', 'invoice.docx', connector.serviceUrl]) {
      expect(envelopes.join('\n')).not.toContain(secret);
    }
  } finally {
    await ingestion.close();
  }
});

test('an ingestion endpoint that never answers holds the exit about a second, no more', async () => {
  const tls = localCertificate(workDir);
  const ingestion = await startIngestion(tls, true);
  try {
    const { stopMs, output } = await runOneTurn(exportingTo(ingestion, tls.certFile), 'hanging');
    expect(stopMs).toBeLessThan(4_000);
    expect(output).toContain('telemetry not flushed');
  } finally {
    await ingestion.close();
  }
});
