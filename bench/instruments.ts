import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import WebSocket from 'ws';
import type { BotProcess } from '../tools/botProcess';

/**
 * Reading a bot from outside its process, and reducing the samples: CPU time and memory from /proc,
 * a full garbage collection over the inspector, the size of its SQLite state, its V8 CPU profile.
 */

/** The value below which `fraction` of the samples lie (nearest-rank), or NaN for no samples. */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const median = (samples: readonly number[]): number => percentile(samples, 0.5);

export const mean = (samples: readonly number[]): number =>
  samples.length === 0 ? Number.NaN : samples.reduce((sum, value) => sum + value, 0) / samples.length;

export interface Latencies {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

export const latenciesOf = (samples: readonly number[]): Latencies => ({
  p50: percentile(samples, 0.5),
  p90: percentile(samples, 0.9),
  p99: percentile(samples, 0.99),
});

/** Clock ticks per second, the unit of utime and stime in /proc/<pid>/stat. */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user + system) the process has used so far, in ms; resolution one clock tick. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces, so count fields from after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of the file (utime, stime) are at 11 and 12 once the first two are dropped.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

function kbField(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`/proc status has no ${name}`);
  return Number(match[1]);
}

/** Resident set now, and the highest since the process started, in MB. */
export function memoryOf(pid: number): { readonly rssMb: number; readonly peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssMb: kbField(status, 'VmRSS') / 1024, peakRssMb: kbField(status, 'VmHWM') / 1024 };
}

/** Start the process with these node options to let `collectGarbage` reach it (any free port). */
export const INSPECTABLE = ['--inspect=127.0.0.1:0'];

const INSPECTOR_URL = /Debugger listening on (ws:\/\/\S+)/;
const COLLECT_REQUEST_ID = 1;

/**
 * A full garbage collection in another Node process, asked for over its inspector. Reading memory
 * right after one separates what the process keeps from garbage V8 has not collected yet, which
 * under load is most of the growth (V8 lets the heap grow to a few times its live size first).
 */
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

/** How much the bot's SQLite state takes: on disk, and per conversation (its record and its card notes). */
export interface StateSize {
  /** The database file and its write-ahead log. */
  readonly fileBytes: number;
  readonly rows: number;
  readonly conversations: number;
  /** JSON stored for one conversation, all its rows together. */
  readonly perConversationJsonBytes: { readonly mean: number; readonly max: number };
}

const fileSize = (file: string): number => (existsSync(file) ? statSync(file).size : 0);

export function measureStateSize(databaseFile: string): StateSize {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const rows = db.prepare('SELECT key, length(CAST(json AS BLOB)) AS bytes FROM state').all() as { key: string; bytes: number }[];
    const perConversation = new Map<string, number>();
    for (const { key, bytes } of rows) {
      // Keys read `{channel}/conversations/{conversation}/...`; the third part names the conversation.
      const conversation = key.split('/')[2] ?? key;
      perConversation.set(conversation, (perConversation.get(conversation) ?? 0) + bytes);
    }
    const sizes = [...perConversation.values()];
    return {
      fileBytes: fileSize(databaseFile) + fileSize(`${databaseFile}-wal`),
      rows: rows.length,
      conversations: perConversation.size,
      perConversationJsonBytes: { mean: mean(sizes), max: Math.max(0, ...sizes) },
    };
  } finally {
    db.close();
  }
}

/* A V8 .cpuprofile (`node --cpu-prof`), read into the places that took the most CPU themselves. */

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

interface HotSpot {
  readonly name: string;
  readonly selfMs: number;
  /** Share of the time the process was busy (idle excluded). */
  readonly percent: number;
}

export interface ProfileSummary {
  /** Busy time outside module loading: the turns, mostly. */
  readonly busyMs: number;
  /** Time spent under require(): start-up, and any module loaded late. */
  readonly moduleLoadingMs: number;
  /** Self time by function. */
  readonly functions: readonly HotSpot[];
  /** Self time by package (or this bot's folder, or V8 and Node themselves). */
  readonly packages: readonly HotSpot[];
}

const IDLE = '(idle)';
const MODULE_LOADING = /^node:internal\/modules\//;

/** The nodes whose stack passes through Node's module loader. */
function loadingModules(nodes: readonly ProfileNode[]): Set<number> {
  const parentOf = new Map<number, ProfileNode>();
  for (const node of nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  const loading = new Set<number>();
  for (const node of nodes) {
    for (let frame: ProfileNode | undefined = node; frame; frame = parentOf.get(frame.id)) {
      if (MODULE_LOADING.test(frame.callFrame.url) && frame.callFrame.functionName === 'Module._load') {
        loading.add(node.id);
        break;
      }
    }
  }
  return loading;
}

/** Where a script comes from: a package under node_modules, this repository's dist/, or Node itself. */
function placeOf(url: string): string {
  if (url === '') return '';
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (inPackage) return `${inPackage[1]}/${inPackage[2]}`;
  const inRepository = /\/dist\/(.*)$/.exec(url);
  if (inRepository) return inRepository[1];
  return url.replace(/^file:\/\//, '');
}

function packageOf(url: string, functionName: string): string {
  if (url === '') return functionName;
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (inPackage) return inPackage[1];
  const inRepository = /\/dist\/((?:src|bench|tools)\/[^/]+)/.exec(url);
  if (inRepository) return `(this repository) ${inRepository[1]}`;
  return url.startsWith('node:') ? '(node internals)' : placeOf(url);
}

function top(selfMs: Map<string, number>, busyMs: number, count: number): HotSpot[] {
  return [...selfMs.entries()]
    .filter(([name]) => name !== IDLE)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, selfMs: ms, percent: (100 * ms) / busyMs }));
}

export function summariseProfile(file: string, count: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const loading = loadingModules(profile.nodes);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  let busyMs = 0;
  let moduleLoadingMs = 0;
  profile.samples.forEach((id, index) => {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const ms = profile.timeDeltas[index] / 1000;
    if (loading.has(id)) {
      moduleLoadingMs += ms;
      return;
    }
    const name = functionName || '(anonymous)';
    if (name !== IDLE) busyMs += ms;
    add(byFunction, url ? `${name} ${placeOf(url)}:${lineNumber + 1}` : name, ms);
    add(byPackage, packageOf(url, name), ms);
  });
  return { busyMs, moduleLoadingMs, functions: top(byFunction, busyMs, count), packages: top(byPackage, busyMs, count) };
}
