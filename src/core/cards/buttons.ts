import { CardAction, CardActionData, CardOwner } from '../cardActions';
import { Link } from '../content';

/**
 * How much a button stands out: each card marks at most its one main action `positive`, so the
 * analyst sees at a glance what to do next.
 */
export type ButtonStyle = 'positive' | 'default';

/** A card button: its title and the action data it sends back. */
export interface Button {
  readonly title: string;
  readonly verb: CardAction['verb'];
  readonly data: CardActionData;
  readonly style: ButtonStyle;
}

/** A button that opens a page. */
export interface LinkButton extends Link {
  readonly style: ButtonStyle;
}

export function button(title: string, action: CardAction, owner?: CardOwner): Button {
  const data: CardActionData = owner ? { ...action, owner: owner.id, ownerName: owner.name } : action;
  return { title, verb: action.verb, data, style: 'default' };
}

export const commandButton = (title: string, command: Extract<CardAction, { verb: 'command' }>['command'], owner?: CardOwner): Button =>
  button(title, { verb: 'command', command }, owner);

export const cancelButton = (owner?: CardOwner): Button => commandButton('Cancel', 'cancel', owner);

export const link = (title: string, url: string): LinkButton => ({ title, url, style: 'default' });

export const linkTo = ({ title, url }: Link): LinkButton => link(title, url);

/** The card's main action. */
export const primary = <B extends Button | LinkButton>(b: B): B => ({ ...b, style: 'positive' });
