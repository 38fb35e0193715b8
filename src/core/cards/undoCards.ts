import { CardOwner } from '../cardActions';
import {
  ACTION_CENTER,
  BRANCHES,
  BRANCH_IDS,
  BranchId,
  InvestigationBranch,
  NEXT_STEPS,
  UNDO_PERMISSIONS,
  UNDO_STEPS,
  UNDO_STEP_COUNT,
} from '../content';
import { BRANCH_STEP } from '../flow/undoWalk';
import { Button, button, cancelButton, commandButton, link } from './buttons';

const TITLE = 'Undo a remediation';

export function undoPermissionsData(walk: string, owner?: CardOwner) {
  return {
    title: `${TITLE}: check your permissions first`,
    warning: 'Make sure you have the necessary permissions before you start: without them the Action center will not let you undo an action.',
    requirements: UNDO_PERMISSIONS.requirements,
    caveat: UNDO_PERMISSIONS.caveat,
    links: [UNDO_PERMISSIONS.link],
    buttons: [button('I have them, continue', { verb: 'undo.next', walk, step: 0 }, owner), cancelButton(owner)],
  };
}

function branchContext(step: number, branch: InvestigationBranch | undefined): string | undefined {
  if (step === BRANCH_STEP) {
    return branch
      ? `${branch.label}: the investigation details open in the ${branch.opensIn} (${branch.url}). Today: ${branch.todayName}.`
      : 'Is the investigation about email content (the entity is a mailbox) or about a device? Choose one to see where its details open.';
  }
  return step > BRANCH_STEP && branch ? `You are in the ${branch.opensIn}, on an investigation about ${branch.id === 'email' ? 'email content' : 'a device'}.` : undefined;
}

export function undoStepData(walk: string, step: number, branchId: BranchId | undefined, owner?: CardOwner) {
  const content = UNDO_STEPS[step - 1];
  const branch = branchId ? BRANCHES[branchId] : undefined;
  const choices: Button[] = content.asksBranch
    ? BRANCH_IDS.map((id) =>
        button(`${id === branchId ? '✓ ' : ''}${BRANCHES[id].label}`, { verb: 'undo.branch', walk, step, branch: id }, owner),
      )
    : [];
  const links = [
    ...(content.link ? [content.link] : []),
    ...(content.asksBranch && branch ? [link(`Open the ${branch.opensIn}`, branch.url), link('Open it in Defender portal', branch.todayUrl)] : []),
  ];
  const canGoOn = !content.asksBranch || branch !== undefined;
  return {
    title: TITLE,
    progress: `Step ${step} of ${UNDO_STEP_COUNT}`,
    instruction: content.text,
    ...(content.tip ? { tip: `Tip: ${content.tip}` } : {}),
    ...(branchContext(step, branch) ? { context: branchContext(step, branch) } : {}),
    choices,
    links,
    buttons: [
      button('Back', { verb: 'undo.back', walk, step }, owner),
      ...(canGoOn ? [button(step === UNDO_STEP_COUNT ? 'Done' : 'Next', { verb: 'undo.next', walk, step }, owner)] : []),
      cancelButton(owner),
    ],
  };
}

export function undoDoneData(branchId: BranchId | undefined) {
  const where = branchId ? ` in the ${BRANCHES[branchId].opensIn}` : '';
  return {
    title: 'Undo walk-through complete',
    summary: `Selecting **Delete remediation**${where} undoes the action AIR took on the clean item.`,
    shorterPath:
      "Next time, today's Microsoft Defender portal has a shorter path: **Action center**, **History**, select the action, then **Undo**.",
    nextSteps: NEXT_STEPS,
    links: [ACTION_CENTER],
    buttons: [commandButton('Report to Microsoft', 'report'), commandButton('Adjust an alert', 'adjust'), commandButton('Start over', 'cancel')],
  };
}
