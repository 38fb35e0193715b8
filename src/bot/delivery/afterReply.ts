import { ConversationReference, TurnContext } from 'botbuilder-core';
import { Logger } from '../../ops/logger';
import { whenReplied } from '../../ops/turnScope';
import { tenantOf } from '../conversation';

/**
 * Work a turn leaves for once the channel has its answer (a click's answer must not wait on another
 * connector call), run in a turn context of its own for the same conversation.
 */
export type AfterReply = (context: TurnContext, work: (later: TurnContext) => Promise<void>) => void;

/** Keeps work in flight known to shutdown, which lets it finish. */
export type Track = (work: Promise<void>) => void;

/** Work after the reply, tracked; a failure the work did not handle itself is logged, never thrown. */
export function afterReplyTracked(track: Track, log: Logger): AfterReply {
  return (context, work) => {
    const { adapter, turnState } = context;
    const found = TurnContext.getConversationReference(context.activity);
    // The tenant travels with the conversation, so the later turn is judged, and its records keyed, like this one.
    const tenantId = tenantOf(context.activity);
    const reference = tenantId ? { ...found, conversation: { ...found.conversation, tenantId } as ConversationReference['conversation'] } : found;
    whenReplied(() =>
      track(
        adapter
          .continueConversationAsync(turnState.get(adapter.BotIdentityKey), reference, turnState.get(adapter.OAuthScopeKey), work)
          .catch((error: unknown) => log.error({ err: error instanceof Error ? error.name : 'unknown' }, 'work left for after a reply failed')),
      ),
    );
  };
}
