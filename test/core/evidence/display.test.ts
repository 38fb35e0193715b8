import fc from 'fast-check';
import { recogniseEvidence } from '../../../src/core/evidence';
import { capDisplay, defangIpv4, defangUrlTail, escapeMarkdown } from '../../../src/core/evidence/defanging/display';
import { MAX_DISPLAY_CHARS, MAX_EVIDENCE } from '../../../src/core/evidence/limits';
import { PHRASINGS } from './phrasings';

/** What a Markdown or Adaptive Card renderer could turn into a link or markup. */
function expectInert(display: string): void {
  expect(display).not.toMatch(/https?:\/\//i);
  expect(display).not.toMatch(/ftp:\/\//i);
  expect(display).not.toContain('](');
  expect(display).not.toContain('<');
  expect(display).not.toContain('>');
  expect(display).not.toMatch(/(?:^|[^\\])[*`]/);
  expect(display.length).toBeLessThanOrEqual(MAX_DISPLAY_CHARS);
}

/** URLs, domains and addresses keep no live dot or @: each is inside a [.] / [@] mark. */
function expectNoLiveHost(display: string): void {
  const rest = display.replace(/\[\.\]|\[@\]|%[0-9A-F]{2}/g, '');
  expect(rest).not.toMatch(/[.@]/);
}

const ADVERSARIAL = [
  '[x](https://evil.com/a) <https://evil.com> ![i](http://evil.com/i.png)',
  'https://evil.com/a_b*c*`d`~e~[f](g)<h>|i#j',
  'mailto:a_b*c@evil.com',
  'https://evil.com/r?u=http://x.org&v=www.y.com',
  `https://evil.com/${'a'.repeat(300)}`,
  `${'b'.repeat(60)}@${'c'.repeat(60)}.com`,
  'https://evil.com/%00%0A\u0000\u202e/\ud800',
  '__init__.py **bold**.exe',
];

describe('display helpers', () => {
  it('escapes Markdown and drops angle brackets', () => {
    expect(escapeMarkdown('a_b*c`d[e](f)<g>|h#i\\j')).toBe('a\\_b\\*c\\`d\\[e\\]\\(f\\)g\\|h\\#i\\\\j');
  });
  it('defangs the last dot of an IPv4 address', () => {
    expect(defangIpv4('10.0.0.1')).toBe('10.0.0[.]1');
  });
  it('percent-encodes risky URL characters and defangs dots', () => {
    expect(defangUrlTail('/a.b_(c)<d>:e~é')).toBe('/a[.]b%5F%28c%29%3Cd%3E%3Ae%7E%C3%A9');
    expect(defangUrlTail('/\ud800')).toBe('/%EF%BF%BD');
  });
  it('caps a display without leaving half a mark or escape', () => {
    const capped = capDisplay(`${'a'.repeat(97)}[.]com`);
    expect(capped).toBe(`${'a'.repeat(97)}…`);
    expect(capDisplay(`${'a'.repeat(98)}\\_x`)).toBe(`${'a'.repeat(98)}…`);
    expect(capDisplay('short')).toBe('short');
  });
});

describe('evidence display is inert', () => {
  const allEvidence = [...PHRASINGS.map((p) => p.text), ...ADVERSARIAL].flatMap((t) => recogniseEvidence(t).evidence);

  it('has no live scheme, link syntax, angle bracket or emphasis, and stays short', () => {
    expect(allEvidence.length).toBeGreaterThan(50);
    allEvidence.forEach((e) => expectInert(e.display));
  });

  it('defangs every dot and @ of URLs, domains, IPs and email addresses', () => {
    allEvidence.filter((e) => ['url', 'domain', 'email'].includes(e.kind)).forEach((e) => expectNoLiveHost(e.display));
    allEvidence.filter((e) => e.kind === 'ipv4').forEach((e) => expect(e.display).toContain('[.]'));
  });

  it('shows the examples from the brief as expected', () => {
    const displays = (t: string): string[] => recogniseEvidence(t).evidence.map((e) => e.display);
    expect(displays('hxxps://contoso-login[.]example/verify')).toEqual(['hxxps://contoso-login[.]example/verify']);
    expect(displays('evil.com')).toEqual(['evil[.]com']);
    expect(displays('10.0.0.1')).toEqual(['10.0.0[.]1']);
    expect(displays('user@contoso.com')).toEqual(['user[@]contoso[.]com']);
  });

  it('holds for arbitrary text around URL-like pieces', () => {
    const piece = fc.constantFrom(
      'https://', 'hxxp://', 'http://', 'www.', '.com', '[.]', '(.)', '@', '](', '[', ')', '<', '>', '*', '_',
      '`', ' ', '/', ':', '.', 'evil', 'a.exe', '10.0.0.1', '::1', 'mailto:', '%', '\\', '\n',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 40 }), (parts) => {
        const { evidence } = recogniseEvidence(parts.join(''));
        expect(evidence.length).toBeLessThanOrEqual(MAX_EVIDENCE);
        evidence.forEach((e) => expectInert(e.display));
        evidence.filter((e) => ['url', 'domain', 'email'].includes(e.kind)).forEach((e) => expectNoLiveHost(e.display));
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});
