/** Evidence recogniser: pure, deterministic, linear-time reading of what an analyst pasted. */
export { recogniseEvidence } from './recognise';
export { EVIDENCE_KINDS, REFERENCE_KINDS } from './types';
export type { Confidence, Evidence, EvidenceKind, MessageContext, PortalReference, Proposal, Recognition, ReferenceKind } from './types';
