import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BotProcess, BotProcessOptions, startBotProcess } from '../tools/botProcess';
import type { FakeConnector } from '../tools/fakeConnector';
import { BenchConversation, Channel } from './conversation';
import { ActivityPoster } from './httpClient';
import { benchAnalyst, LoadShape, runLoad } from './load';
import { memoryOf } from './processStats';
import { Latencies, latenciesOf, percentile } from './stats';
import { RoundTrips, tripsBetween } from './storageWire';
import { Subject } from './subjects';

/** Start-up is timed to the first answer, so the wait for the process to listen must not round it up much. */
const START_POLL_MS = 5;
/** After the first answer, the bot is left alone this long before its idle memory is read. */
const SETTLE_MS = 500;
/** New conversations whose first message is counted at the storage wire. */
const COUNTED_MESSAGES = 20;

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

/** Beyond the subject's own settings: extra environment, or options for node (a profiler). */
export type ProcessExtras = Pick<BotProcessOptions, 'env' | 'nodeArgs'>;

/** A started bot with its channel, for whatever the caller measures; stopped and cleaned up afterwards. */
export interface RunningSubject {
  readonly bot: BotProcess;
  readonly channel: Channel;
  readonly startupMs: number;
  /** The state folder (this bot's SQLite file lives there). */
  readonly stateDir: string;
}

export async function withRunningSubject<T>(
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

export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/** Starts the subject, times its start-up, reads its idle memory, runs the load and reads the rest. */
export function measureRun(
  subject: Subject,
  connector: FakeConnector,
  shape: LoadShape,
  round: number,
  extras: ProcessExtras = {},
): Promise<RunFigures> {
  const label = `r${round}-${subject.name.replace(/\W+/g, '-')}`;
  return withRunningSubject(subject, connector, label, extras, async ({ bot, channel, startupMs }) => {
    await settle();
    const idleRssMb = memoryOf(bot.pid).rssMb;
    const load = await runLoad(channel, label, subject.open, bot.pid, shape, subject.wire);
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
  // What follows a reply (confirming it was sent, noting the card's owner) ends shortly after it arrives.
  await settle();
  return tripsBetween(before, wire.snapshot(), COUNTED_MESSAGES);
}
