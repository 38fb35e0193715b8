import type { FakeConnector } from '../tools/fakeConnector';
import { RunningSubject, settle, withRunningSubject } from './botRun';
import { BenchConversation } from './conversation';
import { ErrorTally } from './errorTally';
import { collectGarbage, INSPECTABLE } from './fullGc';
import { benchAnalyst } from './load';
import { inPool } from './pool';
import { memoryOf } from './processStats';
import { StateSize, measureStateSize } from './stateSize';
import { ECHO_BOT, stateDbPath, Subject, thisBot } from './subjects';

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
  const label = `paused-${subject.name.replace(/\W+/g, '-')}`;
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
