import { readFileSync } from 'node:fs';

/** Reads a V8 .cpuprofile (`node --cpu-prof`) into the places that took the most CPU themselves. */

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

export interface HotSpot {
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
