import type { PortalReference, ReferenceKind } from '../types';

/** Hosts of the analyst's own Defender portals, today's and earlier ones: never evidence to report. */
const PORTAL_HOSTS: ReadonlySet<string> = new Set([
  'security.microsoft.com', 'mto.security.microsoft.com', 'security.microsoft.us', 'securitycenter.windows.com',
  'securitycenter.microsoft.com', 'protection.office.com', 'security.office.com',
]);

/** The path segment before an id, as the portals write their pages: `/incidents/2972395`. */
const PAGES: ReadonlyMap<string, ReferenceKind> = new Map([
  ['incidents', 'incident'], ['incident', 'incident'], ['alerts', 'alert'], ['alert', 'alert'],
  ['airinvestigation', 'investigation'], ['investigation', 'investigation'], ['investigations', 'investigation'],
]);

/** Words after which an analyst writes an id: "incident 2972395", "alert id da6375...", "investigation #12". */
const CUES: ReadonlyMap<string, ReferenceKind> = new Map([
  ['incident', 'incident'], ['incidentid', 'incident'], ['alert', 'alert'], ['alertid', 'alert'],
  ['investigation', 'investigation'], ['investigationid', 'investigation'],
]);
const FILLERS: ReadonlySet<string> = new Set(['id', '#', 'number', 'no', 'nr']);

const ID_SHAPES: Readonly<Record<ReferenceKind, RegExp>> = {
  incident: /^\d{1,12}$/,
  // Alert ids start with their source's prefix (da, ed, fa, aa, ri, ca, ra) or are GUID-like; they hold a digit.
  alert: /^(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9][A-Za-z0-9_-]{5,99}$/,
  investigation: /^(?=[0-9a-f-]*\d)[0-9a-f][0-9a-f-]{0,39}$/i,
};
/** An alert id written on its own: the source prefix, digits, and the `_-961444813` tail. */
const LONE_ALERT_ID = /^(?:da|ed|fa|aa|ri|ca|ra)\d{10,24}(?:_-?\d{1,12})?$/i;

export type PortalLink = { readonly reference?: PortalReference };

/** A refanged `https://security.microsoft.com/...` link: the page it names, if any; null when not a portal link. */
export function parsePortalLink(value: string): PortalLink | null {
  const match = /^(?:https?:\/\/)?([^/?#:]+)(?::\d{1,5})?([/?#].*)?$/i.exec(value);
  const host = match?.[1]?.toLowerCase();
  if (host === undefined || !PORTAL_HOSTS.has(host)) return null;
  const [page, id] = (match?.[2] ?? '').split(/[?#]/, 1)[0]?.split('/').filter((s) => s !== '') ?? [];
  const kind = page === undefined ? undefined : PAGES.get(page.toLowerCase());
  const reference = kind !== undefined && id !== undefined ? referenceOf(kind, id) : null;
  return reference === null ? {} : { reference };
}

function referenceOf(kind: ReferenceKind, id: string): PortalReference | null {
  const bare = id.replace(/^#/, '');
  return ID_SHAPES[kind].test(bare) ? { kind, id: bare } : null;
}

/**
 * Ids written in prose, by token index: after a cue word ("incident 2972395", "alert:da63...")
 * or, for an alert id, on its own. `taken` tells which tokens are already something else.
 */
export function findReferences(tokens: readonly string[], taken: (index: number) => boolean): Map<number, PortalReference> {
  const found = new Map<number, PortalReference>();
  const add = (index: number, kind: ReferenceKind, id: string): void => {
    const reference = taken(index) ? null : referenceOf(kind, id);
    if (reference !== null) found.set(index, reference);
  };
  tokens.forEach((token, i) => {
    const inline = /[:#=]/.exec(token);
    const cue = CUES.get((inline === null ? token : token.slice(0, inline.index)).toLowerCase());
    if (cue !== undefined && inline !== null) {
      add(i, cue, token.slice(inline.index + 1));
    } else if (cue !== undefined) {
      let next = i + 1;
      while (next < tokens.length && next <= i + 2 && FILLERS.has((tokens[next] ?? '').toLowerCase())) next++;
      const candidate = tokens[next];
      if (candidate !== undefined) add(next, cue, candidate);
    } else if (LONE_ALERT_ID.test(token)) {
      add(i, 'alert', token);
    }
  });
  return found;
}
