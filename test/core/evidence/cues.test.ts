import { findCues, toWords } from '../../../src/core/evidence/phrasing/cues';

const cues = (text: string): string[] => findCues([text]).map((h) => `${h.cue}:${h.phrase}`);

describe('toWords', () => {
  it('lower-cases, drops apostrophes and splits on punctuation', () => {
    expect(toWords("Wasn’t caught, E-mail's FP!")).toEqual(['wasnt', 'caught', 'e', 'mails', 'fp']);
  });
});

describe('findCues', () => {
  it('prefers the longest phrase: "not detected" is a miss, not a detection', () => {
    expect(cues('it was not detected')).toEqual(['missed:not detected']);
    expect(cues('it was detected')).toEqual(['threat:detected']);
  });
  it('matches across apostrophes and case', () => {
    expect(cues("WASN'T CAUGHT")).toEqual(["missed:wasn't caught"]);
    expect(cues('wasn’t caught')).toEqual(["missed:wasn't caught"]);
  });
  it('gives a phrase every cue it carries', () => {
    expect(cues('legit')).toEqual(['wrongly:legit', 'legitUse:legit']);
  });
  it('lets decoys swallow words that only look like cues', () => {
    expect(cues('a legit-looking phishing email')).toEqual(['phish:phishing', 'mail:email']);
    expect(cues('please clean up the folder')).toEqual([]);
  });
  it('reads negations as the opposite verdict', () => {
    expect(cues("it's not clean")).toEqual(['missed:not clean']);
    expect(cues('not malicious')).toEqual(['wrongly:not malicious']);
  });
  it('finds place and alert cues', () => {
    expect(cues('URL in a Word document')).toEqual(['linkWord:URL', 'officeWord:Word document']);
    expect(cues('alert keeps firing')).toEqual(['alert:alert', 'tune:keeps firing']);
    expect(cues('treated as malware on a device')).toEqual(['wrongly:treated as malware', 'asMalware:treated as malware', 'deviceWord:device']);
  });
  it('finds nothing in small talk', () => {
    expect(cues('hello, what can you do? lunch at 12?')).toEqual([]);
  });
});
