import WebSocket from 'ws';
import type { BotProcess } from '../tools/botProcess';

/**
 * A full garbage collection in another Node process, asked for over its inspector. Reading memory
 * right after one separates what the process keeps from garbage V8 has not collected yet, which
 * under load is most of the growth (V8 lets the heap grow to a few times its live size first).
 */

/** Start the process with these node options to let `collectGarbage` reach it (any free port). */
export const INSPECTABLE = ['--inspect=127.0.0.1:0'];

const INSPECTOR_URL = /Debugger listening on (ws:\/\/\S+)/;
const COLLECT_REQUEST_ID = 1;

export async function collectGarbage(bot: BotProcess): Promise<void> {
  const url = INSPECTOR_URL.exec(bot.output())?.[1];
  if (!url) throw new Error('the process has no inspector: start it with INSPECTABLE');
  const socket = new WebSocket(url);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('open', () => {
        socket.on('message', (data) => {
          if ((JSON.parse(data.toString()) as { id?: number }).id === COLLECT_REQUEST_ID) resolve();
        });
        socket.send(JSON.stringify({ id: COLLECT_REQUEST_ID, method: 'HeapProfiler.collectGarbage' }));
      });
    });
  } finally {
    socket.close();
  }
}
