/**
 * The invoke names and content types Teams puts on the wire, written once so the bot, its tests, the benchmark and
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

/** Teams tells the bot that a sign-in in the client failed. */
export const SIGN_IN_FAILURE_INVOKE = 'signin/failure';

/** The content type of an Adaptive Card: as an attachment, and as an invoke's answer that replaces the card. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** An invoke's answer that is a plain message instead of a card. */
export const MESSAGE_CONTENT_TYPE = 'application/vnd.microsoft.activity.message';

/** A connector card (Office 365 connectors post these), whose text a message action can read too. */
export const CONNECTOR_CARD_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.o365connector';

/** The incident card's four paths (issue 26): AIR was right, it was clean (undo), something was missed, stop it recurring. */
export const INCIDENT_PATH_RIGHT = 'intake-air-right';
export const INCIDENT_PATH_UNDO = 'intake-was-clean';
export const INCIDENT_PATH_MISSED = 'intake-missed';
export const INCIDENT_PATH_RECURRING = 'intake-stop-recurring';
export const INCIDENT_PATHS = [INCIDENT_PATH_RIGHT, INCIDENT_PATH_UNDO, INCIDENT_PATH_MISSED, INCIDENT_PATH_RECURRING] as const;
export type IncidentPath = (typeof INCIDENT_PATHS)[number];
