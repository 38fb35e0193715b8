import * as ACData from 'adaptivecards-templating';
import action from '../../../cards/action.json';
import actionMessage from '../../../cards/action-message.json';
import choice from '../../../cards/choice.json';
import evidence from '../../../cards/evidence.json';
import guidance from '../../../cards/guidance.json';
import incident from '../../../cards/incident.json';
import menu from '../../../cards/menu.json';
import record from '../../../cards/record.json';
import recordCopy from '../../../cards/record-copy.json';
import undoDone from '../../../cards/undo-done.json';
import undoPermissions from '../../../cards/undo-permissions.json';
import undoStep from '../../../cards/undo-step.json';

/** Every Adaptive Card template the bot uses, parsed once at load time rather than per turn. */
const TEMPLATES = {
  action: new ACData.Template(action),
  actionMessage: new ACData.Template(actionMessage),
  choice: new ACData.Template(choice),
  evidence: new ACData.Template(evidence),
  guidance: new ACData.Template(guidance),
  incident: new ACData.Template(incident),
  menu: new ACData.Template(menu),
  record: new ACData.Template(record),
  recordCopy: new ACData.Template(recordCopy),
  undoDone: new ACData.Template(undoDone),
  undoPermissions: new ACData.Template(undoPermissions),
  undoStep: new ACData.Template(undoStep),
};

export type TemplateName = keyof typeof TEMPLATES;

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly [key: string]: unknown;
}

/** Binds data to a template. Data is only ever a value: templating never evaluates what it contains. */
export function expandTemplate(name: TemplateName, data: object): AdaptiveCard {
  return TEMPLATES[name].expand({ $root: data }) as AdaptiveCard;
}
