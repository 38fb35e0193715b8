/** Evidence recogniser: pure, deterministic, linear-time reading of what an analyst pasted. */
export { recogniseEvidence } from './recognise';
export { EVIDENCE_KINDS } from './types';
export type { Confidence, Evidence, EvidenceKind, Proposal, Recognition } from './types';
