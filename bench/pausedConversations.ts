import type { FakeConnector } from '../tools/fakeConnector';
import { settle, withRunningSubject } from './botRun';
import { BenchConversation } from './conversation';
import { ErrorTally } from './errorTally';
import { collectGarbage, INSPECTABLE } from './fullGc';
import { benchAnalyst } from './load';
import { inPool } from './pool';
import { memoryOf } from './processStats';
import { StateSize, measureStateSize } from './stateSize';
import { stateDbPath, thisBot } from './subjects';
import { startWalk } from './walkScenario';

export interface MemoryGrowth {
  readonly beforeMb: number;
  readonly afterMb: number;
  readonly growthMb: number;
}

const growth = (beforeMb: number, afterMb: number): MemoryGrowth => ({ beforeMb, afterMb, growthMb: afterMb - beforeMb });

/** What many analysts leaving their walk-throughs half done costs: memory of the bot, size of its state. */
export interface PausedFigures {
  readonly conversations: number;
  readonly seconds: number;
  /** RSS as it stands, garbage included. */
  readonly rss: MemoryGrowth;
  /** RSS right after a full garbage collection: what the bot keeps. */
  readonly retainedRss: MemoryGrowth;
  readonly state: StateSize;
  readonly errors: number;
  readonly errorSamples: readonly string[];
}

/** Starts `count` undo walks (undo, continue: each stops at step 1) and leaves every one of them there. */
export function measurePausedConversations(connector: FakeConnector, count: number, concurrency: number): Promise<PausedFigures> {
  return withRunningSubject(thisBot('warn'), connector, 'paused', { nodeArgs: INSPECTABLE }, async ({ bot, channel, stateDir }) => {
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
        await startWalk(new BenchConversation(`paused-${index}`, benchAnalyst(index), channel));
      } catch (error) {
        errors.note(error);
      }
    });
    const seconds = (performance.now() - started) / 1000;
    const after = await readings();
    return {
      conversations: count,
      seconds,
      rss: growth(before.rssMb, after.rssMb),
      retainedRss: growth(before.retainedMb, after.retainedMb),
      state: measureStateSize(stateDbPath(stateDir)),
      errors: errors.count,
      errorSamples: errors.samples,
    };
  });
}
