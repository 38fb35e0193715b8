import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { renderCard } from '../src/core/cards/render';
import { CardName } from '../src/core/views';
import { SAMPLE_VIEWS } from '../src/core/cards/sampleViews';
import { BotProcess, BotProcessOptions, startBotProcess } from '../tools/botProcess';
import type { FakeConnector } from '../tools/fakeConnector';
import { collectGarbage, INSPECTABLE, Latencies, latenciesOf, mean, measureStateSize, memoryOf, percentile, StateSize } from './instruments';
import { ActivityPoster, benchAnalyst, BenchConversation, Channel, ErrorTally, inPool, LoadShape, runLoad } from './load';
import { RoundTrips, tripsBetween } from './storageWire';
import { ECHO_BOT, stateDbPath, Subject, thisBot } from './subjects';

/**
 * What the benchmark measures: a bot under load for one round, many conversations left half done,
 * and card rendering in this process.
 */

/** Start-up is timed to the first answer, so the wait for the process to listen must not round it up much. */
const START_POLL_MS = 5;
/** After the first answer, the bot is left alone this long before its idle memory is read. */
const SETTLE_MS = 500;
/** New conversations whose first message is counted at the storage wire. */
const COUNTED_MESSAGES = 20;

/** Beyond the subject's own settings: extra environment, or options for node (a profiler). */
export type ProcessExtras = Pick<BotProcessOptions, 'env' | 'nodeArgs'>;

/** A started bot with its channel, for whatever the caller measures; stopped and cleaned up afterwards. */
interface RunningSubject {
  readonly bot: BotProcess;
  readonly channel: Channel;
  readonly startupMs: number;
  /** The state folder (this bot's SQLite file lives there). */
  readonly stateDir: string;
}

async function withRunningSubject<T>(
  subject: Subject,
  connector: FakeConnector,
  label: string,
  extras: ProcessExtras,
  use: (running: RunningSubject) => Promise<T>,
): Promise<T> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'bench-state-'));
  try {
    const started = performance.now();
    const bot = await startBotProcess({ script: subject.script, env: { ...subject.env(stateDir), ...extras.env }, nodeArgs: extras.nodeArgs, pollIntervalMs: START_POLL_MS });
    const channel: Channel = { poster: new ActivityPoster(bot.url), connector };
    try {
      const { reply } = await new BenchConversation(`${label}-first`, benchAnalyst(0), channel).say(subject.greeting);
      return await use({ bot, channel, startupMs: reply.at - started, stateDir });
    } finally {
      channel.poster.close();
      await bot.stop();
    }
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

const labelOf = (subject: Subject): string => subject.name.replace(/\W+/g, '-');

export interface RunFigures {
  readonly subject: string;
  readonly round: number;
  /** From spawning the process to the reply to its first message. */
  readonly startupMs: number;
  readonly idleRssMb: number;
  readonly peakRssMb: number;
  readonly turns: number;
  readonly turnsPerSecond: number;
  readonly latencyMs: Latencies;
  /** p99 of the first message of the conversations opened at once before the timed turns. */
  readonly firstTurnP99Ms: number;
  readonly cpuMsPerTurn: number;
  /** Storage round trips counted at the wire (Blob only): per timed turn, and per first message of a new conversation. */
  readonly storageTrips?: { readonly perTurn: RoundTrips; readonly perNewMessage: RoundTrips };
  readonly errors: number;
  readonly errorSamples: readonly string[];
}

/** Starts the subject, times its start-up, reads its idle memory, runs the load and reads the rest. */
export function measureRun(
  subject: Subject,
  connector: FakeConnector,
  shape: LoadShape,
  round: number,
  extras: ProcessExtras = {},
): Promise<RunFigures> {
  const label = `r${round}-${labelOf(subject)}`;
  return withRunningSubject(subject, connector, label, extras, async ({ bot, channel, startupMs }) => {
    await settle();
    const idleRssMb = memoryOf(bot.pid).rssMb;
    const load = await runLoad(channel, label, subject.opening, bot.pid, shape, subject.wire);
    const perNewMessage = subject.wire ? await tripsPerNewMessage(subject, channel, label) : undefined;
    return {
      subject: subject.name,
      round,
      startupMs,
      idleRssMb,
      peakRssMb: memoryOf(bot.pid).peakRssMb,
      turns: load.turns,
      turnsPerSecond: (load.turns * 1000) / load.wallMs,
      latencyMs: latenciesOf(load.latenciesMs),
      firstTurnP99Ms: percentile(load.firstTurnLatenciesMs, 0.99),
      cpuMsPerTurn: load.cpuMs / load.turns,
      ...(load.tripsPerTurn && perNewMessage ? { storageTrips: { perTurn: load.tripsPerTurn, perNewMessage } } : {}),
      errors: load.errors.count,
      errorSamples: load.errors.samples,
    };
  });
}

/** Round trips of one new conversation's first message, its reply and the bookkeeping after it, averaged over a few. */
async function tripsPerNewMessage(subject: Subject, channel: Channel, label: string): Promise<RoundTrips> {
  const wire = subject.wire!;
  const before = wire.snapshot();
  for (let index = 0; index < COUNTED_MESSAGES; index++) {
    await new BenchConversation(`${label}-counted-${index}`, benchAnalyst(index), channel).say(subject.greeting);
  }
  // What follows a reply (confirming it was sent and listing its card) ends shortly after it arrives.
  await settle();
  return tripsBetween(before, wire.snapshot(), COUNTED_MESSAGES);
}

export interface MemoryGrowth {
  readonly beforeMb: number;
  readonly afterMb: number;
  readonly growthMb: number;
}

const growth = (beforeMb: number, afterMb: number): MemoryGrowth => ({ beforeMb, afterMb, growthMb: afterMb - beforeMb });

/** What many analysts leaving their conversations half done costs a bot in memory. */
export interface PausedMemory {
  readonly subject: string;
  readonly conversations: number;
  readonly seconds: number;
  /** RSS as it stands, garbage included. */
  readonly rss: MemoryGrowth;
  /** RSS right after a full garbage collection: what the bot keeps. */
  readonly retainedRss: MemoryGrowth;
  readonly errors: number;
  readonly errorSamples: readonly string[];
}

/** This bot's figures: its memory, and the size of its state. */
export interface PausedFigures extends PausedMemory {
  readonly state: StateSize;
}

/** Leaves `count` conversations half done (the subject's `pause`) and reads memory before and after. */
function measurePaused<Extra>(
  subject: Subject,
  connector: FakeConnector,
  count: number,
  concurrency: number,
  afterwards: (running: RunningSubject) => Extra,
): Promise<PausedMemory & Extra> {
  const label = `paused-${labelOf(subject)}`;
  return withRunningSubject(subject, connector, label, { nodeArgs: INSPECTABLE }, async (running) => {
    const { bot, channel } = running;
    const readings = async (): Promise<{ rssMb: number; retainedMb: number }> => {
      await settle();
      const rssMb = memoryOf(bot.pid).rssMb;
      await collectGarbage(bot);
      await settle();
      return { rssMb, retainedMb: memoryOf(bot.pid).rssMb };
    };
    const before = await readings();
    const errors = new ErrorTally();
    const started = performance.now();
    await inPool(count, concurrency, async (index) => {
      try {
        await subject.pause(new BenchConversation(`${label}-${index}`, benchAnalyst(index), channel));
      } catch (error) {
        errors.note(error);
      }
    });
    const seconds = (performance.now() - started) / 1000;
    const after = await readings();
    return {
      subject: subject.name,
      conversations: count,
      seconds,
      rss: growth(before.rssMb, after.rssMb),
      retainedRss: growth(before.retainedMb, after.retainedMb),
      errors: errors.count,
      errorSamples: errors.samples,
      ...afterwards(running),
    };
  });
}

/** `count` undo walks left at step 1, with the SQLite state they leave behind. */
export const measurePausedConversations = (connector: FakeConnector, count: number, concurrency: number): Promise<PausedFigures> =>
  measurePaused(thisBot('warn'), connector, count, concurrency, ({ stateDir }) => ({ state: measureStateSize(stateDbPath(stateDir)) }));

/** The echo bot over the same number of conversations and turns: what any bot's memory does under them. */
export const measureEchoBaseline = (connector: FakeConnector, count: number, concurrency: number): Promise<PausedMemory> =>
  measurePaused(ECHO_BOT, connector, count, concurrency, () => ({}));

/** How long binding data to a card's compiled template takes, for one kind of view. */
export interface RenderTiming {
  readonly card: CardName;
  readonly meanUs: number;
  readonly p99Us: number;
}

const WARM_UP_RENDERS = 200;

/** Renders each sample view `renders` times after a warm-up, timing each render. */
export function timeCardRendering(renders: number): RenderTiming[] {
  return Object.values(SAMPLE_VIEWS).map((view) => {
    for (let i = 0; i < WARM_UP_RENDERS; i++) renderCard(view);
    const samplesUs: number[] = [];
    for (let i = 0; i < renders; i++) {
      const started = performance.now();
      renderCard(view);
      samplesUs.push((performance.now() - started) * 1000);
    }
    return { card: view.card, meanUs: mean(samplesUs), p99Us: percentile(samplesUs, 0.99) };
  });
}
