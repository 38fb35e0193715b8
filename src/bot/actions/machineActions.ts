import type { ActionOutcome } from '../../core/actions/confirmation/actionViews';
import type { LookupAnswer, FoundDevice } from '../../core/actions/confirmation/confirmation';
import { failureText } from '../../core/actions/requests/failure';
import type { ActionKind } from '../../core/actions/model';
import type { OutgoingRequest } from '../../core/actions/requests/requests';
import { ACTION_CENTER_HISTORY } from '../../core/actions/requests/resultLink';
import type { PolicyOptions } from './policyFetch';
import { callDirect, SecurityApiEndpoints } from './securityApis';
import { DEVICE_ID } from '../../core/evidence/recognisers/ids';

/** How long the bot follows a machine action it started, and how often it reads its status. */
export interface MachineActionPolling {
  readonly intervalMs: number;
  readonly limitMs: number;
}

const MAX_DEVICES = 10;
/** A machine action ends in one of these; Pending and InProgress are read again. */
const FAILED_ENDINGS: ReadonlySet<string> = new Set(['Failed', 'TimeOut', 'Cancelled']);

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The devices Defender for Endpoint has under the analyst's name for one, as the analyst may see them. */
export async function lookUpDevices(kind: ActionKind, lookup: OutgoingRequest, token: string, endpoints: SecurityApiEndpoints, options: PolicyOptions): Promise<LookupAnswer | ActionOutcome> {
  const answer = await callDirect(lookup, token, new URL(lookup.path, endpoints.defenderBaseUrl), options);
  if (!answer.ok) return { kind: 'refused', text: `The device could not be looked up. ${failureText(kind, answer.failure)}` };
  const listed = (answer.body as { value?: unknown } | undefined)?.value;
  const devices: FoundDevice[] = (Array.isArray(listed) ? listed : []).flatMap((machine: { id?: unknown; computerDnsName?: unknown }) =>
    typeof machine?.id === 'string' && DEVICE_ID.test(machine.id) && typeof machine.computerDnsName === 'string'
      ? [{ id: machine.id.toLowerCase(), name: machine.computerDnsName.slice(0, 100) }]
      : [],
  );
  return { kind: 'found', devices: devices.slice(0, MAX_DEVICES) };
}

/**
 * Reads the machine action the undo started until it ends, or until `limitMs` has passed: done with
 * its status, failed with Defender's own ending, or still running (see the Action center). A read
 * that fails does not change what was done: the action stays done, "status not known".
 */
export async function followMachineAction(
  started: Extract<ActionOutcome, { kind: 'done' }>,
  token: string,
  endpoints: SecurityApiEndpoints,
  polling: MachineActionPolling,
  options: PolicyOptions,
  sleep: (ms: number) => Promise<void> = wait,
): Promise<ActionOutcome> {
  const id = started.returnedId;
  const read: OutgoingRequest = { service: 'defender-machines', method: 'GET', path: `/api/machineactions/${encodeURIComponent(id)}`, body: {} };
  const link = { link: ACTION_CENTER_HISTORY };
  for (let waited = 0; ; waited += polling.intervalMs) {
    const answer = await callDirect(read, token, new URL(read.path, endpoints.defenderBaseUrl), options);
    const status = answer.ok ? (answer.body as { status?: unknown } | undefined)?.status : undefined;
    if (typeof status !== 'string') return { kind: 'done', returnedId: id, status: 'sent; its status could not be read, see the Action center', ...link };
    if (status === 'Succeeded') return { kind: 'done', returnedId: id, status, ...link };
    if (FAILED_ENDINGS.has(status)) {
      return { kind: 'failed', returnedId: id, text: `Defender for Endpoint took the request (machine action ${id}) and it ended ${status}. See the Action center for why, then try again.` };
    }
    if (waited + polling.intervalMs > polling.limitMs) return { kind: 'done', returnedId: id, status: `still running (${status.slice(0, 40)}), see the Action center`, ...link };
    await sleep(polling.intervalMs);
  }
}
