import type { IncomingMessage } from 'node:http';
import type { ReceivedActivity } from './botTurns';

/** Teams messages are at most about 100 KB; anything far above that is refused before it is read. */
export const MAX_BODY_BYTES = 512 * 1024;

/** Why a request carries no activity the bot can handle. Problems are fixed phrases: nothing of the body. */
export type RequestProblem =
  | 'content type is not application/json'
  | 'body too large'
  | 'body could not be read'
  | 'body is not valid JSON'
  | 'body is not a JSON object'
  | 'activity has no type'
  | 'activity has no conversation id'
  | 'activity has no sender id'
  | 'activity has no serviceUrl';

export type ReadActivity = { ok: true; activity: ReceivedActivity } | { ok: false; status: 400 | 413 | 415; problem: RequestProblem };

type Refusal = Extract<ReadActivity, { ok: false }>;
const refuse = (status: 400 | 413 | 415, problem: RequestProblem): Refusal => ({ ok: false, status, problem });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasId = (value: unknown): boolean => isRecord(value) && typeof value.id === 'string' && value.id !== '';

const isJsonContentType = (header: string | undefined): boolean =>
  (header ?? '').split(';')[0].trim().toLowerCase() === 'application/json';

/** The body as text, or undefined as soon as it grows past `maxBytes` (the rest is not read). */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Stopping early must not destroy the socket: the 413 answer still has to go out on it.
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The activity a POST to /api/messages carries, checked only as far as the adapter and the bot rely
 * on it: a JSON object with a type, a conversation, a sender, and the service URL replies go to
 * (without one the SDK would send replies to its default host instead).
 */
function checkActivity(body: unknown): ReadActivity {
  if (!isRecord(body)) return refuse(400, 'body is not a JSON object');
  if (typeof body.type !== 'string' || body.type === '') return refuse(400, 'activity has no type');
  if (!hasId(body.conversation)) return refuse(400, 'activity has no conversation id');
  if (!hasId(body.from)) return refuse(400, 'activity has no sender id');
  if (typeof body.serviceUrl !== 'string' || body.serviceUrl === '') return refuse(400, 'activity has no serviceUrl');
  return { ok: true, activity: body as ReceivedActivity };
}

export async function readActivity(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<ReadActivity> {
  const read = await readJsonBody(req, maxBytes);
  return read.ok ? checkActivity(read.body) : read;
}

/** A request's JSON body, bounded: refused as it grows past `maxBytes`, its text never quoted in a problem. */
export async function readJsonBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<{ ok: true; body: unknown } | Refusal> {
  if (!isJsonContentType(req.headers['content-type'])) return refuse(415, 'content type is not application/json');
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return refuse(413, 'body too large');
  let text: string | undefined;
  try {
    text = await readBody(req, maxBytes);
  } catch {
    // The sender went away mid-body (or the request timed out): there is nobody left to answer.
    return refuse(400, 'body could not be read');
  }
  if (text === undefined) return refuse(413, 'body too large');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // The parser's message quotes the body, so it is neither logged nor returned.
    return refuse(400, 'body is not valid JSON');
  }
  return { ok: true, body };
}
