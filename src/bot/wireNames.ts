/**
 * The invoke names Teams puts on the wire, written once so the bot, its tests, the benchmark and
 * the tools cannot drift apart. No SDK import here: test doubles and tools read it cheaply.
 */

/** An `Action.Execute` click on a card. */
export const CARD_ACTION_INVOKE = 'adaptiveCard/action';

/** The message action opens its dialog. */
export const MESSAGE_ACTION_FETCH_INVOKE = 'composeExtension/fetchTask';

/** A button in the message action's dialog was clicked. */
export const MESSAGE_ACTION_SUBMIT_INVOKE = 'composeExtension/submitAction';

/** A button whose data asks Teams to open a dialog (the record card's "Copy for the ticket"). */
export const TASK_FETCH_INVOKE = 'task/fetch';
