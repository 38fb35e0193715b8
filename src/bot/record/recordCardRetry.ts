import { setTimeout as sleep } from 'node:timers/promises';
import { TurnContext } from 'botbuilder-core';
import { Logger } from '../../ops/logger';
import type { AfterReply } from '../delivery';

/**
 * One try at moving a record card: true once it is shown (or nothing is left to show), false to try
 * again. Each connector call in it is bounded by the connector's own timeout (connectorRetry.ts), which
 * aborts it; so a hanging connector costs a try about 5 s.
 */
export type CardAttempt = (later: TurnContext) => Promise<boolean>;

/**
 * Waits between tries at a record card: a connector back within about half a minute still gets the
 * card; after that the entries wait in storage for the next finish or `record`, which shows them all.
 */
export const RECORD_CARD_WAITS_MS: readonly number[] = [2_000, 8_000];

/** Runs a card's tries once the turn has its answer, in their own turn context, and says so in an error line when none landed. */
export function retriedAfterReply(afterReply: AfterReply, log: Logger): (context: TurnContext, attempt: CardAttempt) => void {
  return (context, attempt) =>
    afterReply(context, async (later) => {
      for (let tries = 1; ; tries++) {
        try {
          if (await attempt(later)) return;
        } catch (error) {
          log.warn({ err: error }, 'record card not shown: trying again');
        }
        const wait = RECORD_CARD_WAITS_MS[tries - 1];
        if (wait === undefined) {
          log.error({ tries }, 'record card never shown: its entries are kept, and the next finish or `record` in this thread shows them');
          return;
        }
        await sleep(wait);
      }
    });
}
