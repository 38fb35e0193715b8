import { recogniseEvidence } from '../../../src/core/evidence';

const SIZE = 100_000;
const fill = (unit: string): string => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
const numbered = (make: (i: number) => string): string =>
  Array.from({ length: SIZE / 4 }, (_, i) => make(i)).join(' ').slice(0, SIZE);

// Pieces just under the token limit, so every parser sees its longest possible input.
const longPieces = (unit: string): string => fill(`${unit.repeat(Math.floor(2_000 / unit.length))} `);

const BENIGN = fill(
  "LAPTOP-42 quarantined invoice.docx, false positive; hxxps://contoso-login[.]example/verify got blocked in a mail but it's clean. ",
);

// Shapes that make naive patterns backtrack: long runs, endless prefixes, unclosed marks.
const ADVERSARIAL: Readonly<Record<string, string>> = {
  'one long word': fill('a'),
  dots: fill('.'),
  'hxxp:// glued': fill('hxxp://'),
  'hxxp:// spaced': fill('hxxp:// '),
  '1.1.1.1. glued': fill('1.1.1.1.'),
  '1.1.1.1 spaced': fill('1.1.1.1 '),
  'hex run': fill('f'),
  'almost hashes': fill(`${'a'.repeat(31)}1 `),
  '[.] glued': fill('[.]'),
  '[.] spaced': fill('[.] '),
  'unclosed brackets': fill('['),
  'unclosed parentheses': fill('(('),
  'a. glued': fill('a.'),
  'a.b spaced': fill('a.b '),
  '@ glued': fill('a@'),
  colons: fill('::'),
  'IPv6-like': fill('1::1 '),
  'device cue chain': fill('device '),
  'negation chain': fill('not '),
  'phrase prefixes': fill('should have been '),
  'defang marks mixed': fill('hxxps://evil[.]com/[.](.)[://]'),
  'distinct domains': numbered((i) => `x${i}.com`),
  'distinct URLs': numbered((i) => `https://h${i}.example/p`),
  'distinct addresses': numbered((i) => `u${i}@c.com`),
  'one huge URL': `http://a.com/${fill('a')}`,
  '2 MB of short words': 'a b '.repeat(500_000),
  'long a.a.a pieces': longPieces('a.'),
  'long 1.1.1 pieces': longPieces('1.'),
  'long [.] pieces': longPieces('[.]'),
  'long hxxp:// pieces': longPieces('hxxp://'),
  'long https://a.com/ pieces': longPieces('https://a.com/'),
  'long a@ pieces': longPieces('a@'),
  'long 1: pieces': longPieces('1:'),
  'long hex pieces': longPieces('f0'),
  'long host-name pieces': longPieces('WS-1'),
};

/** Best of three runs, so one pause of the runtime does not decide the test. */
function bestMs(text: string): number {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const start = process.hrtime.bigint();
    recogniseEvidence(text);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

describe('recogniseEvidence runs in linear time', () => {
  let benignMs = 0;

  beforeAll(() => {
    for (let i = 0; i < 3; i++) recogniseEvidence(BENIGN); // warm up the JIT
    benignMs = bestMs(BENIGN);
  });

  it.each(Object.entries(ADVERSARIAL))('answers 100 KB of %s about as fast as 100 KB of benign text', (_name, text) => {
    const ms = bestMs(text);
    expect(ms).toBeLessThan(200);
    // A generous multiple: catastrophic backtracking would be thousands of times slower.
    expect(ms).toBeLessThan(Math.max(benignMs * 10, 50));
  });
});
