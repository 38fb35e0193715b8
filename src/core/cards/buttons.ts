import { CardAction } from '../cardActions';
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
  readonly data: CardAction;
  readonly style: ButtonStyle;
}

/** A button that opens a page. */
export interface LinkButton extends Link {
  readonly style: ButtonStyle;
}

export const button = (title: string, action: CardAction): Button => ({ title, verb: action.verb, data: action, style: 'default' });

export const commandButton = (title: string, command: Extract<CardAction, { verb: 'command' }>['command']): Button => button(title, { verb: 'command', command });

export const cancelButton = (): Button => commandButton('Cancel', 'cancel');

export const link = (title: string, url: string): LinkButton => ({ title, url, style: 'default' });

export const linkTo = ({ title, url }: Link): LinkButton => link(title, url);

/** The card's main action. */
export const primary = <B extends Button | LinkButton>(b: B): B => ({ ...b, style: 'positive' });
