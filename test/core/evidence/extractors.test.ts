import { findDeviceNames } from '../../../src/core/evidence/recognisers/device';
import { parseDomain } from '../../../src/core/evidence/recognisers/domain';
import { parseEmail } from '../../../src/core/evidence/recognisers/email';
import { extractEvidence } from '../../../src/core/evidence/extraction/extract';
import { parseFileName } from '../../../src/core/evidence/recognisers/file';
import { findHashes } from '../../../src/core/evidence/recognisers/hash';
import { parseIpv4, parseIpv6 } from '../../../src/core/evidence/recognisers/ip';
import { refang } from '../../../src/core/evidence/defanging/refang';
import { tokenise } from '../../../src/core/evidence/extraction/tokens';
import { findReferences, parsePortalLink } from '../../../src/core/evidence/recognisers/portal';
import { parseUrl } from '../../../src/core/evidence/recognisers/url';

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const SHA256 = '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae';

describe('tokenise', () => {
  it('splits on spaces and separators and trims wrapping punctuation', () => {
    expect(tokenise('See (evil.com), "a.exe" and <b>x</b>; done.')).toEqual(['See', 'evil.com', 'a.exe', 'and', 'b', 'x', '/b', 'done']);
  });
  it('splits Windows paths so the file name stands alone', () => {
    expect(tokenise('C:\\Users\\amy\\setup.msi')).toContain('setup.msi');
  });
  it('drops pieces too long to be anything we extract', () => {
    expect(tokenise(`ok ${'a'.repeat(5000)} fine`)).toEqual(['ok', 'fine']);
  });
});

describe('refang', () => {
  it.each([
    ['hxxps://contoso-login[.]example/verify', 'https://contoso-login.example/verify'],
    ['hXXp[://]evil(.)com/a', 'http://evil.com/a'],
    ['hxxps[:]//bad{.}site', 'https://bad.site'],
    ['user[@]contoso[dot]com', 'user@contoso.com'],
    ['user[at]contoso(dot)com', 'user@contoso.com'],
    ['10.0.0[.]1', '10.0.0.1'],
    ['plain text', 'plain text'],
  ])('%s -> %s', (input, output) => {
    expect(refang(input)).toBe(output);
  });
  it('leaves "hxxp" alone when no scheme follows', () => {
    expect(refang('hxxpmeh')).toBe('hxxpmeh');
  });
});

describe('parseUrl', () => {
  it.each([
    ['https://contoso-login.example/verify', 'hxxps://contoso-login[.]example/verify'],
    ['http://203.0.113.7:8080/x.php?a=1', 'hxxp://203[.]0[.]113[.]7:8080/x[.]php?a=1'],
    ['https://user:secret@evil.com/login', 'hxxps://evil[.]com/login'],
    ['https://[2001:db8::1]/a', 'hxxps://[2001[:]db8[:][:]1]/a'],
    ['evil.com/login', 'evil[.]com/login'],
    ['here](https://evil.com/a_b)', 'hxxps://evil[.]com/a%5Fb%29'],
    ['https://evil.com/r?u=https://good.com', 'hxxps://evil[.]com/r?u=https%3A//good[.]com'],
  ])('%s', (input, display) => {
    expect(parseUrl(input, false)).toEqual({ kind: 'url', display });
  });
  it.each(['and/or', 'TCP/IP', '2024/01/02', 'evil.com', 'ftp://files.example.com/a', 'https://nohost/a', 'https://evil.com:99999/'])(
    'rejects %s',
    (input) => {
      expect(parseUrl(input, false)).toBeNull();
    },
  );
  it('accepts any TLD only with a scheme or when defanged', () => {
    expect(parseUrl('contoso-login.zzz/verify', false)).toBeNull();
    expect(parseUrl('contoso-login.zzz/verify', true)).not.toBeNull();
    expect(parseUrl('report.final/x', false)).toBeNull();
  });
});

describe('parseDomain', () => {
  it.each([['evil.com'], ['Contoso.COM'], ['intranet.contoso.local'], ['xn--80ak6aa92e.com']])('accepts %s', (d) => {
    expect(parseDomain(d, false)).toBe(d.toLowerCase());
  });
  it.each([['e.g'], ['clean.It'], ['v1.2'], ['hello.world'], ['-bad.com'], ['a..com'], ['single']])('rejects %s', (d) => {
    expect(parseDomain(d, false)).toBeNull();
  });
  it('accepts an unknown alphabetic TLD when the writer showed intent', () => {
    expect(parseDomain('contoso-login.example', true)).toBe('contoso-login.example');
    expect(parseDomain('bad.site', true)).toBe('bad.site');
    expect(parseDomain('v1.2', true)).toBeNull();
  });
});

describe('IP addresses', () => {
  it('parses IPv4 within range only', () => {
    expect(parseIpv4('10.0.0.1')).toBe('10.0.0.1');
    expect(parseIpv4('010.000.0.1')).toBe('10.0.0.1');
    expect(parseIpv4('256.1.1.1')).toBeNull();
    expect(parseIpv4('1.2.3')).toBeNull();
    expect(parseIpv4('10.0.19041.1')).toBeNull();
  });
  it.each(['2001:db8::1', '2001:0db8:0000:0000:0000:ff00:0042:8329', 'fe80::1ff:fe23:4567:890a'])('parses IPv6 %s', (ip) => {
    expect(parseIpv6(ip)).toBe(ip.toLowerCase());
  });
  it.each(['12:30:45', '00:1a:2b:3c:4d:5e', '::', ':::', 'a::b', '1::2::3', '1:2:3:4:5:6:7:8:9', 'fe80::12345'])('rejects %s as IPv6', (s) => {
    expect(parseIpv6(s)).toBeNull();
  });
});

describe('parseEmail', () => {
  it('defangs the @ and the dots, lower-cases the domain and escapes Markdown in the local part', () => {
    expect(parseEmail('first_last@contoso.com')).toEqual({ kind: 'email', display: 'first\\_last[@]contoso[.]com' });
    expect(parseEmail('mailto:Bob@Contoso.com')).toEqual({ kind: 'email', display: 'Bob[@]contoso[.]com' });
  });
  it.each(['@bot', 'a@b', 'a@@b.com', '.a@b.com', 'a b@c.com', 'a@b.c1'])('rejects %s', (s) => {
    expect(parseEmail(s)).toBeNull();
  });
});

describe('findHashes', () => {
  it('finds MD5, SHA-1 and SHA-256, alone or after a label', () => {
    expect(findHashes(MD5)).toEqual([{ kind: 'md5', display: MD5 }]);
    expect(findHashes(`sha1:${SHA1.toUpperCase()}`)).toEqual([{ kind: 'sha1', display: SHA1 }]);
    expect(findHashes(`SHA256=${SHA256}`)).toEqual([{ kind: 'sha256', display: SHA256 }]);
  });
  it('ignores runs of the wrong length, glued to other words, or without both digits and letters', () => {
    expect(findHashes(MD5.slice(1))).toEqual([]);
    expect(findHashes(`x${MD5}`)).toEqual([]);
    expect(findHashes(`${MD5}_old`)).toEqual([]);
    expect(findHashes('1'.repeat(32))).toEqual([]);
    expect(findHashes('a'.repeat(64))).toEqual([]);
  });
});

describe('parseFileName', () => {
  it.each([
    ['invoice.docx', 'office'],
    ['Quote_2024.xlsx', 'office'],
    ['PayrollSync.exe', 'program'],
    ['update.ps1', 'program'],
    ['invoice.pdf.exe', 'program'],
    ['payroll.zip', 'other'],
    ['/tmp/run.sh', 'program'],
  ])('%s is a %s file', (name, fileType) => {
    expect(parseFileName(name)).toMatchObject({ kind: 'file', fileType });
  });
  it('escapes Markdown in the display', () => {
    expect(parseFileName('_evil_.exe')?.display).toBe('\\_evil\\_.exe');
  });
  it.each(['contoso.com', '.docx', 'notes.unknown', 'a(1).docx', 'no-extension'])('rejects %s', (name) => {
    expect(parseFileName(name)).toBeNull();
  });
});

describe('findDeviceNames', () => {
  const names = (text: string): string[] => [...findDeviceNames(tokenise(text), () => false).values()];
  it.each([
    ['quarantined on device LAPTOP-42', ['LAPTOP-42']],
    ['on host ws-123 yesterday', ['ws-123']],
    ['laptop WS-123', ['WS-123']],
    ['machine named FINANCE01', ['FINANCE01']],
    ['DeviceName: FIN-LT-044', ['FIN-LT-044']],
    ['host=SRV-APP-3', ['SRV-APP-3']],
    ['LAPTOP-42 quarantined it', ['LAPTOP-42']],
    ['seen on DESKTOP-7G3K2LM', ['DESKTOP-7G3K2LM']],
    ["the server EXCH01's disk", ['EXCH01']],
  ])('%s', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });
  it.each(['my laptop is slow', 'on the device yesterday', 'the host OS', 'endpoint protection', 'machine learning', 'Win10 rocks'])(
    'finds none in "%s"',
    (text) => {
      expect(names(text)).toEqual([]);
    },
  );
  it('leaves a token that is already other evidence', () => {
    expect(findDeviceNames(tokenise('host WS-1'), (i) => i === 1).size).toBe(0);
  });
});

describe('extractEvidence', () => {
  it('finds each kind once, in order, and keeps the rest as prose', () => {
    const text = `hxxps://a-b[.]example/x evil[.]com 10.0.0.1 2001:db8::1 ${MD5} ${SHA1} ${SHA256} u[@]c[.]com a.exe on host PC-7 evil.com`;
    const { findings, prose } = extractEvidence(text);
    expect(findings.map((f) => f.kind)).toEqual(['url', 'domain', 'ipv4', 'ipv6', 'md5', 'sha1', 'sha256', 'email', 'file', 'device']);
    expect(prose).toEqual(['on', 'host']);
  });
  it('does not read words inside a URL as the analyst’s words', () => {
    expect(extractEvidence('https://evil.com/email/attachment').prose).toEqual([]);
  });
});

describe('the analyst\'s own portal', () => {
  it.each([
    ['https://security.microsoft.com/incidents/2972395?tid=abc', { reference: { kind: 'incident', id: '2972395' } }],
    ['https://security.microsoft.com/alerts/da637551227677560813_-961444813?tid=abc', { reference: { kind: 'alert', id: 'da637551227677560813_-961444813' } }],
    ['security.microsoft.com/airinvestigation/4f1c2b3a-9d8e-4c7b-a6f5-e4d3c2b1a098', { reference: { kind: 'investigation', id: '4f1c2b3a-9d8e-4c7b-a6f5-e4d3c2b1a098' } }],
    ['https://security.microsoft.com/action-center/history', {}],
    ['https://SECURITY.microsoft.com', {}],
    ['https://security.microsoft.com/incidents/not-a-number', {}],
    ['https://security.microsoft.com.evil.example/incidents/1', null],
    ['https://security-microsoft.com/incidents/1', null],
  ])('%s -> %j', (value, link) => {
    expect(parsePortalLink(value)).toEqual(link);
  });

  it('finds ids written in prose, after a cue word or, for an alert, alone', () => {
    const tokens = tokenise('incident 2972395 and alert id da637551227677560813_-961444813, investigation #12; da637612345678901234_1234567890; the alert keeps firing');
    expect([...findReferences(tokens, () => false).values()]).toEqual([
      { kind: 'incident', id: '2972395' },
      { kind: 'alert', id: 'da637551227677560813_-961444813' },
      { kind: 'investigation', id: '12' },
      { kind: 'alert', id: 'da637612345678901234_1234567890' },
    ]);
  });

  it('keeps portal links and ids out of the evidence and out of the words read for cues', () => {
    const { findings, references, prose } = extractEvidence(
      'https://security.microsoft.com/incidents/2972395?tid=x hxxps://evil[.]com/a on incident 2972395 alert:da637551227677560813_-961444813',
    );
    expect(findings.map((f) => f.display)).toEqual(['hxxps://evil[.]com/a']);
    expect(references).toEqual([{ kind: 'incident', id: '2972395' }, { kind: 'alert', id: 'da637551227677560813_-961444813' }]);
    expect(prose).toEqual(['on', 'incident']);
  });
});
