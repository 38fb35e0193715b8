import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeConnector, FakeConnector } from '../tools/fakeConnector';
import { summariseProfile } from './instruments';
import { LoadShape } from './load';
import { measureEchoBaseline, measurePausedConversations, measureRun, ProcessExtras, RunFigures, timeCardRendering } from './measurements';
import { BenchReport, checkTargets, printReport, saveReport, summarise } from './report';
import { ECHO_BOT, startBlobService, Subject, thisBot } from './subjects';
import { benchIntake } from './intakeRun';

/**
 * `npm run bench`: this bot against the canonical echo bot under the same load, on this machine,
 * in one run; prints the figures and PASS/FAIL per target, and keeps them under bench/results/.
 * Exits 1 when a target is missed.
 */

const RESULTS_DIR = path.resolve(__dirname, '..', '..', 'bench', 'results');
const PROFILED_FUNCTIONS = 15;

const { values: args } = parseArgs({
  options: {
    conversations: { type: 'string', default: '50' },
    turns: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    paused: { type: 'string', default: '10000' },
    renders: { type: 'string', default: '2000' },
    profile: { type: 'boolean', default: false },
    storage: { type: 'string', default: 'sqlite' },
    intake: { type: 'boolean', default: false },
    incidents: { type: 'string', default: '1000' },
  },
});

const STORES = ['sqlite', 'blob', 'both'] as const;

function count(name: keyof typeof args): number {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1, got "${args[name]}"`);
  return value;
}

const progress = (line: string): void => void process.stderr.write(`${line}\n`);

async function measure(subject: Subject, connector: FakeConnector, shape: LoadShape, round: number, extras?: ProcessExtras): Promise<RunFigures> {
  progress(`round ${round}: ${subject.name}...`);
  const figures = await measureRun(subject, connector, shape, round, extras);
  progress(`  ${figures.turnsPerSecond.toFixed(0)} turns/s, p99 ${figures.latencyMs.p99.toFixed(1)} ms, ${figures.errors} errors`);
  return figures;
}

/**
 * One more run of this bot under `node --cpu-prof`, its profile written beside the results. It runs
 * tsc's output, not the bundle: the same code, but each sample keeps its package and file.
 */
async function profileThisBot(bot: Subject, connector: FakeConnector, shape: LoadShape, stamp: string): Promise<NonNullable<BenchReport['profile']>> {
  const name = `this-bot-${stamp}.cpuprofile.json`;
  const unbundled: Subject = { ...bot, name: `${bot.name}, unbundled, profiled`, script: path.join('src', 'index.js') };
  await measure(unbundled, connector, shape, 0, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${RESULTS_DIR}`, `--cpu-prof-name=${name}`] });
  if (!readdirSync(RESULTS_DIR).includes(name)) throw new Error(`the bot wrote no profile ${name}`);
  const file = path.join(RESULTS_DIR, name);
  return { file: path.relative(process.cwd(), file), summary: summariseProfile(file, PROFILED_FUNCTIONS) };
}

async function main(): Promise<number> {
  if (args.intake) return benchIntake(count('incidents')).then(() => 0);
  const startedAt = new Date().toISOString();
  const stamp = startedAt.replace(/[:.]/g, '-');
  const shape: LoadShape = { conversations: count('conversations'), turns: count('turns') };
  const rounds = count('rounds');
  const storage = STORES.find((store) => store === args.storage);
  if (!storage) throw new Error(`--storage must be one of ${STORES.join(', ')}, got "${args.storage}"`);
  const connector = await startFakeConnector();
  const blob = storage === 'sqlite' ? undefined : await startBlobService();
  try {
    const variants = [...(storage === 'blob' ? [] : [thisBot]), ...(blob ? [blob.thisBotOnBlob] : [])];
    const bots = variants.map((variant) => variant('warn'));
    const runs: RunFigures[] = [];
    for (let round = 1; round <= rounds; round++) {
      // Alternating who goes first keeps warm caches and a busy disk from favouring one bot.
      const order = [ECHO_BOT, ...bots];
      for (const subject of round % 2 === 1 ? order : order.reverse()) runs.push(await measure(subject, connector, shape, round));
    }
    const withLogs = await measure(variants[0]('info'), connector, shape, 1);
    const profile = args.profile ? await profileThisBot(bots[bots.length - 1], connector, shape, stamp) : undefined;
    progress(`${count('paused')} paused conversations...`);
    const paused = await measurePausedConversations(connector, count('paused'), shape.conversations);
    progress('  the echo bot over the same turns...');
    const pausedEcho = await measureEchoBaseline(connector, count('paused'), shape.conversations);
    const rendering = timeCardRendering(count('renders'));

    const ofSubject = (subject: Subject) => summarise(runs.filter((r) => r.subject === subject.name));
    const echoSummary = ofSubject(ECHO_BOT);
    const botSummaries = bots.map(ofSubject);
    const errorsInAllRuns = [...runs, withLogs, paused, pausedEcho].reduce((sum, r) => sum + r.errors, 0);
    const report: BenchReport = {
      startedAt,
      load: { ...shape, rounds },
      echo: echoSummary,
      bots: botSummaries,
      botWithLogs: summarise([withLogs]),
      runs: [...runs, withLogs],
      paused,
      pausedEcho,
      rendering,
      targets: checkTargets(botSummaries, echoSummary, paused, errorsInAllRuns),
      ...(profile ? { profile } : {}),
    };
    printReport(report);
    console.log(`\nsaved ${path.relative(process.cwd(), saveReport(report, RESULTS_DIR))}`);
    return report.targets.every((t) => t.pass) ? 0 : 1;
  } finally {
    await blob?.close();
    await connector.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
