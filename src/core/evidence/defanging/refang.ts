// Marks analysts use so an indicator cannot be clicked: [.] (.) {.} [dot] (dot) [:] [://] [@] [at] (at) [/].
// Fixed alternatives inside fixed brackets: no quantifier, so matching is linear.
const MARK = /\[(?:\.|dot|:|:\/\/|@|at|\/)\]|\((?:\.|dot|at)\)|\{\.\}/gi;
const HXXP = /hxxp(?=s?:\/\/)/gi;

/** Undoes common defanging so the value can be validated; the result is never shown. */
export function refang(token: string): string {
  return token.replace(MARK, unmark).replace(HXXP, 'http');
}

function unmark(mark: string): string {
  const inner = mark.slice(1, -1).toLowerCase();
  if (inner === 'dot') return '.';
  if (inner === 'at') return '@';
  return inner;
}
