import { format } from 'node:util';
import { Logger } from './logger';

type Level = 'warn' | 'info' | 'debug';

const LEVEL_OF: Readonly<Record<'error' | 'warn' | 'log' | 'info' | 'debug' | 'trace', Level>> = {
  error: 'warn',
  warn: 'warn',
  log: 'info',
  info: 'info',
  debug: 'debug',
  trace: 'debug',
};

/** What is kept of one console print: its first line, cut to this. */
const MAX_PRINT_LENGTH = 300;

/** The first line of what a console method would have printed, bounded. */
function printedLine(args: readonly unknown[]): string {
  const text = format(...args);
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).slice(0, MAX_PRINT_LENGTH);
}

/**
 * Libraries print to the global console as plain text. The Bot Framework SDK prints, for every token
 * that fails its signature check, the error and then the whole public key in PEM, many lines each:
 * a forged-token flood becomes a stderr flood outside the JSON log. Every console method therefore
 * writes one JSON line instead (source "console"), with the first line of the print only: an error's
 * stack and a key's body are dropped, the what is kept. Nothing is silenced: console.error and
 * console.warn arrive at warn, console.log and console.info at info, debug and trace at debug.
 * Direct writes to process.stdout and stderr are left alone.
 */
export function logConsoleOutput(log: Logger): void {
  for (const [method, level] of Object.entries(LEVEL_OF) as [keyof typeof LEVEL_OF, Level][]) {
    console[method] = (...args: unknown[]): void => log[level]({ source: 'console', method }, printedLine(args));
  }
}
