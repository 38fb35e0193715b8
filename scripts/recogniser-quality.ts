/**
 * Precision and recall of the evidence recogniser over the phrasing table.
 * A positive case expects a proposal. A proposal is right when flow and item or scenario match
 * and, where the table expects a verdict, the verdict matches too.
 * Exits non-zero when either figure is below the bar.
 */
import { recogniseEvidence, type Proposal } from '../src/core/evidence';
import { PHRASINGS } from '../test/core/evidence/phrasings';

const BAR = 0.95;

function matches(actual: Proposal, expected: Proposal): boolean {
  if (actual.flow === 'adjust' || expected.flow === 'adjust') {
    return actual.flow === 'adjust' && expected.flow === 'adjust' && actual.scenario === expected.scenario;
  }
  return actual.item === expected.item && (expected.verdict === undefined || actual.verdict === expected.verdict);
}

const describe = (p: Proposal | null): string =>
  p === null ? 'none' : p.flow === 'report' ? `${p.item}${p.verdict ? ` (${p.verdict})` : ''}` : `adjust ${p.scenario}`;

let proposals = 0;
let positives = 0;
let truePositives = 0;
for (const { text, expected } of PHRASINGS) {
  const actual = recogniseEvidence(text).proposal;
  if (expected !== null) positives++;
  if (actual !== null) proposals++;
  const right = actual !== null && expected !== null && matches(actual, expected);
  if (right) truePositives++;
  else if (actual !== null || expected !== null) console.log(`miss: "${text}"\n  expected ${describe(expected)}, got ${describe(actual)}`);
}

const precision = proposals === 0 ? 0 : truePositives / proposals;
const recall = positives === 0 ? 0 : truePositives / positives;
console.log(`cases ${PHRASINGS.length}, positive ${positives}, proposals ${proposals}, right ${truePositives}`);
console.log(`precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  (bar ${BAR})`);
if (precision < BAR || recall < BAR) process.exitCode = 1;
