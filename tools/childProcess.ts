import { ChildProcess } from 'node:child_process';

/**
 * A child process the caller owns (the built bot, the Playground, Azurite): its output kept for
 * error messages and passed on line by line, stopped gently then firmly, never left behind.
 */

export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface SupervisedChild {
  readonly pid: number;
  readonly exited: Promise<ExitStatus>;
  isRunning(): boolean;
  /** The latest of what it wrote to stdout and stderr. */
  output(): string;
  /** Called with each whole line it writes, as it comes. */
  onLine(listener: (line: string) => void): void;
  /** Sends the signal (SIGTERM by default) and waits for the exit; SIGKILL if it has not exited within the grace. */
  stop(signal?: NodeJS.Signals): Promise<ExitStatus>;
}

const KEPT_OUTPUT_CHARS = 200_000;

/** Takes charge of a child just spawned with piped (or ignored) stdout and stderr. */
export function supervise(child: ChildProcess, stopGraceMs: number): SupervisedChild {
  const exited = new Promise<ExitStatus>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const isRunning = (): boolean => child.exitCode === null && child.signalCode === null;
  // Safety net: a run that dies before its cleanup must not leave the child behind.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  let output = '';
  const lineListeners: ((line: string) => void)[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.setEncoding('utf8').on('data', (chunk: string) => {
      output = (output + chunk).slice(-KEPT_OUTPUT_CHARS);
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) lineListeners.forEach((listener) => listener(line));
    });
  }

  return {
    pid: child.pid!,
    exited,
    isRunning,
    output: () => output,
    onLine: (listener) => void lineListeners.push(listener),
    stop: async (signal = 'SIGTERM') => {
      if (isRunning()) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
      const status = await exited;
      clearTimeout(timer);
      return status;
    },
  };
}
