/** Reads an Adaptive Card the way a Teams client does to send a click: its Action.Execute buttons. */

export interface ExecuteButton {
  readonly title: string;
  readonly verb: string;
  readonly data: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Every Action.Execute in the card, wherever it sits (card actions or an ActionSet in the body). */
export function executeButtonsOf(card: unknown): ExecuteButton[] {
  const found: ExecuteButton[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObject(node)) {
      if (node.type === 'Action.Execute' && isObject(node.data)) {
        found.push({ title: String(node.title), verb: String(node.verb), data: node.data });
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(card);
  return found;
}

/** The card a posted message carries, or an error saying what arrived instead. */
export function cardOfMessage(activity: Record<string, unknown>): unknown {
  const attachment = (activity.attachments as { contentType?: string; content?: unknown }[] | undefined)?.[0];
  if (attachment?.contentType !== 'application/vnd.microsoft.card.adaptive') {
    throw new Error(`expected an Adaptive Card, got ${JSON.stringify(activity).slice(0, 200)}`);
  }
  return attachment.content;
}
