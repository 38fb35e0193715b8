/** Typed commands: what an analyst can type (with or without an @mention, any case). */
export const COMMANDS = ['help', 'report', 'adjust', 'undo', 'cancel', 'record'] as const;
export type Command = (typeof COMMANDS)[number];

const ALIASES: Readonly<Record<string, Command>> = {
  'start over': 'cancel',
  startover: 'cancel',
  restart: 'cancel',
  stop: 'cancel',
  '?': 'help',
  menu: 'help',
  history: 'record',
};

/** Commands are single words: anything longer than this cannot be one, so it is never scanned further. */
const LONGEST_COMMAND_TEXT = 40;

function isCommand(value: unknown): value is Command {
  return typeof value === 'string' && (COMMANDS as readonly string[]).includes(value);
}

/** Maps typed text to a command, or undefined when the text is not one. */
export function parseCommand(text: string): Command | undefined {
  if (text.length > LONGEST_COMMAND_TEXT) return undefined;
  const normalised = text
    .trim()
    .toLowerCase()
    .replace(/^\//, '')
    .replace(/[.!]+$/, '')
    .replace(/\s+/g, ' ');
  // Own keys only: "constructor" or "__proto__" is ordinary text, not something inherited from Object.
  return isCommand(normalised) ? normalised : Object.hasOwn(ALIASES, normalised) ? ALIASES[normalised] : undefined;
}
