import { CardAction, CardActionData, CardOwner } from '../cardActions';
import { Link } from '../content';

/** A card button: its title and the action data it sends back. */
export interface Button {
  readonly title: string;
  readonly verb: CardAction['verb'];
  readonly data: CardActionData;
}

export function button(title: string, action: CardAction, owner?: CardOwner): Button {
  const data: CardActionData = owner ? { ...action, owner: owner.id, ownerName: owner.name } : action;
  return { title, verb: action.verb, data };
}

export const commandButton = (title: string, command: Extract<CardAction, { verb: 'command' }>['command'], owner?: CardOwner): Button =>
  button(title, { verb: 'command', command }, owner);

export const cancelButton = (owner?: CardOwner): Button => commandButton('Cancel', 'cancel', owner);

export const link = (title: string, url: string): Link => ({ title, url });
