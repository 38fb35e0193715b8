import { BRANCHES, BRANCH_IDS, BranchId, InvestigationBranch, NEXT_STEPS, UNDO_PERMISSIONS, UNDO_STEPS, UNDO_STEP_COUNT } from '../content';
import { BRANCH_STEP } from '../flow/undoWalk';
import {
  ACTION_CENTER_HISTORY,
  DEVICE_AIR_CHANGE,
  INVESTIGATIONS_TODAY,
  UNDO_ROLES_TODAY,
  UNDO_SHORT_PATH,
  UNDO_STEPS_TODAY,
} from '../today';
import type { ActionKind } from '../actions/model';
import { actingData } from './actionCards';
import { Button, button, cancelButton, commandButton, link, LinkButton, linkTo, primary } from './buttons';

const TITLE = 'Undo a remediation';

/**
 * The undos by API the walk's entity allows, as buttons, or (an empty list) why the walk is the way:
 * no public API undoes those remediations. Nothing at all with DIRECT_ACTIONS off.
 */
export function undoActingData(kinds: readonly ActionKind[] | undefined): { acting?: Button[]; actingTitle?: string; noApi?: string } {
  if (kinds === undefined) return {};
  if (kinds.length === 0) return { noApi: NO_UNDO_API };
  return { ...actingData(kinds), actingTitle: 'Or undo it from Teams, after a confirmation (the walk below stays for everything else)' };
}

const NO_UNDO_API =
  'No undo from Teams here, so the walk: no public API undoes a quarantined file, a removed registry key, a stopped service or driver, a removed scheduled task, a URL block or turned-off forwarding. A device needs its name or id, an email its network message id and recipient (and an approvers group set up for this bot).';

export function undoPermissionsData(walk: string) {
  return {
    title: `${TITLE}: check your permissions first`,
    warning: 'Make sure you have the permissions below before you start: without them the Action center will not let you undo an action.',
    todayRequirements: UNDO_ROLES_TODAY.requirements,
    todayNotes: `${UNDO_SHORT_PATH}\n\n${DEVICE_AIR_CHANGE}`,
    requirements: UNDO_PERMISSIONS.requirements,
    caveat: UNDO_PERMISSIONS.caveat,
    links: [linkTo(ACTION_CENTER_HISTORY), link('Article: required permissions', UNDO_PERMISSIONS.link.url)],
    buttons: [primary(button('I have them, continue', { verb: 'undo.next', walk, step: 0 })), cancelButton()],
  };
}

/** Step 4: where the investigation's details open, today's place first and the article's beside it. */
function branchContext(step: number, branch: InvestigationBranch | undefined): string | undefined {
  if (step === BRANCH_STEP) {
    return branch
      ? `About ${branch.about}. The article sends you to the ${branch.opensIn} (${branch.url}); in today's portal the details open under **Investigations**, as above.`
      : 'Is the investigation about email content (the entity is a mailbox) or about a device? Choose one to see where its details open.';
  }
  return step > BRANCH_STEP && branch ? `Investigation about ${branch.about}.` : undefined;
}

export function undoStepData(walk: string, step: number, branchId: BranchId | undefined) {
  const content = UNDO_STEPS[step - 1];
  const branch = branchId ? BRANCHES[branchId] : undefined;
  const choices: Button[] = content.asksBranch
    ? BRANCH_IDS.map((id) =>
        button(`${id === branchId ? '✓ ' : ''}${BRANCHES[id].label}`, { verb: 'undo.branch', walk, step, branch: id }),
      )
    : [];
  const links: LinkButton[] = [
    ...(content.link ? [linkTo(content.link)] : []),
    ...(content.asksBranch && branch ? [linkTo(INVESTIGATIONS_TODAY)] : []),
  ];
  const canGoOn = !content.asksBranch || branch !== undefined;
  const context = branchContext(step, branch);
  const today = UNDO_STEPS_TODAY[step];
  return {
    title: TITLE,
    progress: `Step ${step} of ${UNDO_STEP_COUNT}`,
    ...(today ? { today } : {}),
    instruction: content.text,
    ...(content.tip ? { tip: `Tip: ${content.tip}` } : {}),
    ...(context ? { context } : {}),
    choices,
    links,
    buttons: [
      button('Back', { verb: 'undo.back', walk, step }),
      ...(canGoOn ? [primary(button(step === UNDO_STEP_COUNT ? 'Done' : 'Next', { verb: 'undo.next', walk, step }))] : []),
      cancelButton(),
    ],
  };
}

export function undoDoneData(branchId: BranchId | undefined) {
  const where = branchId ? ` on the investigation about ${BRANCHES[branchId].about}` : '';
  return {
    title: 'Undo walk-through complete',
    summary: `Selecting **Undo** (the article's **Delete remediation**)${where} undoes the action AIR took on the clean item.`,
    shorterPath: `Next time: ${UNDO_SHORT_PATH}`,
    nextSteps: NEXT_STEPS,
    links: [linkTo(ACTION_CENTER_HISTORY)],
    buttons: [
      primary(commandButton('Report it to Microsoft', 'report')),
      commandButton('Stop the alert recurring', 'adjust'),
    ],
  };
}
