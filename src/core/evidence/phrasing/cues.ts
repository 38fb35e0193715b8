import { CUE_KINDS, CUE_PHRASES, DECOY_PHRASES, type CueKind } from './lexicon';

export interface CueHit {
  readonly cue: CueKind;
  /** The phrase as the lexicon writes it, for the reasons shown to the analyst. */
  readonly phrase: string;
}

interface Entry {
  readonly words: readonly string[];
  readonly phrase: string;
  readonly cues: CueKind[];
}

/** Lower case, apostrophes dropped ("wasn't" -> "wasnt"), split on anything not a letter or digit. */
export function toWords(text: string): string[] {
  return text
    .toLowerCase()
    // Straight and curly apostrophes (U+2019, U+2018), escaped: see scripts/bundle.ts on ASCII.
    .replace(/['\u2019\u2018]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

// Entries by first word, longest first, so a scan tries "not detected" before "not".
const INDEX: ReadonlyMap<string, readonly Entry[]> = buildIndex();

function buildIndex(): Map<string, Entry[]> {
  const byPhrase = new Map<string, Entry>();
  const add = (phrase: string, cue?: CueKind): void => {
    const words = toWords(phrase);
    const key = words.join(' ');
    const entry = byPhrase.get(key) ?? { words, phrase, cues: [] };
    if (cue !== undefined && !entry.cues.includes(cue)) entry.cues.push(cue);
    byPhrase.set(key, entry);
  };
  for (const cue of CUE_KINDS) for (const phrase of CUE_PHRASES[cue]) add(phrase, cue);
  for (const phrase of DECOY_PHRASES) add(phrase);

  const index = new Map<string, Entry[]>();
  for (const entry of byPhrase.values()) {
    const first = entry.words[0] ?? '';
    index.set(first, [...(index.get(first) ?? []), entry]);
  }
  for (const entries of index.values()) entries.sort((a, b) => b.words.length - a.words.length);
  return index;
}

/**
 * Cue phrases in the analyst's words, in order. Each word belongs to at most one phrase, the
 * longest that matches there; the work per word is bounded by the lexicon, so the scan is linear.
 */
export function findCues(prose: readonly string[]): CueHit[] {
  const words = prose.flatMap(toWords);
  const hits: CueHit[] = [];
  let i = 0;
  while (i < words.length) {
    const entry = INDEX.get(words[i] ?? '')?.find((e) => e.words.every((w, k) => words[i + k] === w));
    if (entry === undefined) {
      i++;
      continue;
    }
    for (const cue of entry.cues) hits.push({ cue, phrase: entry.phrase });
    i += entry.words.length;
  }
  return hits;
}
