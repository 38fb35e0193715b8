import type { ItemId, Link, ScenarioId, VerdictId } from './content';
import { allowPermitted } from './safety';

/**
 * Today's Microsoft Defender XDR: the pages, tabs, buttons, choices and roles an analyst uses now,
 * as `../shared/domain.md` ("Today in Microsoft Defender XDR") gives them after checking Microsoft's
 * current documentation. Every card shows this path first and the 2020 article's beside it.
 * Labels the analyst must find in the portal are in **bold**.
 */

/** One way of doing something in today's portal: where it is, what to do there, the page to open. */
export interface TodayPath {
  /** The product and the page, in one line. */
  readonly where: string;
  /** What to do there, in order. */
  readonly steps: readonly string[];
  /** The page the steps start on; its title fits a Teams button (at most 40 characters). */
  readonly open: Link;
  /** Who may do it. */
  readonly permission?: string;
  /** A warning the analyst must read before acting. */
  readonly caution?: string;
}

const SUBMISSIONS_URL = 'https://security.microsoft.com/reportsubmission';

// ---- Report: the Submissions page ----

/** A tab of the Submissions page, what it calls the item, and the product that analyses it. */
interface SubmissionTab {
  readonly product: string;
  readonly tab: string;
  readonly viewId: string;
  /** The thing the form's allow option names: "Allow this URL". */
  readonly noun: string;
}

const SUBMISSION_TABS: Readonly<Record<ItemId, SubmissionTab>> = {
  'email-message': { product: 'Microsoft Defender for Office 365', tab: 'Emails', viewId: 'email', noun: 'message' },
  'email-attachment': { product: 'Microsoft Defender for Office 365', tab: 'Email attachments', viewId: 'emailAttachment', noun: 'file' },
  'url-in-email': { product: 'Microsoft Defender for Office 365', tab: 'URLs', viewId: 'url', noun: 'URL' },
  'url-in-office-file': { product: 'Microsoft Defender for Office 365', tab: 'URLs', viewId: 'url', noun: 'URL' },
  'file-on-device': { product: 'Microsoft Defender for Endpoint', tab: 'Files', viewId: 'file', noun: 'file' },
};

const SUBMISSIONS_PERMISSION =
  'Needs Security Administrator, or the Unified RBAC permission Security operations/Security data/Response (manage); Security data basics (read) only views the page.';

/** Emails, attachments and URLs: one form, whose answers depend on the verdict. */
const MESSAGE_FORM_CHOICES: Readonly<Record<VerdictId, string>> = {
  'wrongly-detected': 'Where the form asks why you are submitting, choose **It appears clean** or **I\'ve confirmed it\'s clean**.',
  missed: 'Where the form asks why you are submitting, choose **It appears suspicious** or **I\'ve confirmed it\'s a threat**, then **Phish**, **Malware** or **Spam**.',
};

/** The form's optional entry beside the submission: an allow only where the safety rule permits one, else a block. */
function listEntryStep(verdict: VerdictId, noun: string): string {
  return allowPermitted(verdict)
    ? `Optionally select **Allow this ${noun}**. **Remove allow entry after** is 45 days after last used date by default; 1, 7 or 30 days or a specific date can be chosen.`
    : 'Optionally add a block entry as well (30 days by default).';
}

/** Files on devices: their own form, "Submit items to Microsoft for review". */
const FILE_CATEGORY: Readonly<Record<VerdictId, string>> = {
  'wrongly-detected': '**Clean**',
  missed: '**Malware**',
};

function fileSubmissionSteps(verdict: VerdictId): readonly string[] {
  return [
    'On the **Files** tab, select **Add new submission**, then choose **Files** or **File hash**.',
    `For **The file should have been categorized as**, choose ${FILE_CATEGORY[verdict]}.`,
    'Set the priority: Low, Medium or High (at most three High a day). The Files tab needs Defender XDR or Defender for Endpoint Plan 2.',
  ];
}

export function reportPathToday(item: ItemId, verdict: VerdictId): TodayPath {
  const tab = SUBMISSION_TABS[item];
  const steps =
    item === 'file-on-device'
      ? fileSubmissionSteps(verdict)
      : [`On the **${tab.tab}** tab, select **Submit to Microsoft for analysis**.`, MESSAGE_FORM_CHOICES[verdict], listEntryStep(verdict, tab.noun)];
  return {
    where: `${tab.product}: **Submissions** page, **${tab.tab}** tab (Investigation & response > Actions & submissions > Submissions)`,
    steps,
    open: { title: `Open Submissions: ${tab.tab}`, url: `${SUBMISSIONS_URL}?viewid=${tab.viewId}` },
    permission: SUBMISSIONS_PERMISSION,
  };
}

// ---- Adjust: stop an alert recurring ----

const ALERTS: Link = { title: 'Open the alert queue', url: 'https://security.microsoft.com/alerts' };

/** How the alert itself is closed, by what was wrong with it. */
const CLASSIFICATION: Readonly<Record<Exclude<ScenarioId, 'malware-on-device'>, string>> = {
  'legitimate-use': '**Informational, expected activity**',
  'inaccurate-alert': '**False positive**',
};

function alertTuningPath(classification: string): TodayPath {
  return {
    where: 'Microsoft Defender XDR: **Alert tuning** (formerly alert suppression)',
    steps: [
      'Go to **Settings** > **Microsoft Defender XDR** > **Alert tuning** > **Add new rule**, or select **Tune alert** on the alert\'s page.',
      'Have the rule **Hide alert** (Defender for Endpoint alerts only) or **Resolve alert** when it matches.',
      `Close this alert with **Manage alert**: status **Resolved**, classification ${classification}.`,
      'For a Microsoft Defender for Cloud Apps policy alert, tune the policy itself: scope users or groups, sensitivity, daily alert limit.',
    ],
    open: ALERTS,
    permission: 'Alert tuning rules need the Detection tuning (manage) permission.',
  };
}

/** Allow tells Defender an item is harmless: only ever for an item confirmed clean. */
export const ALLOW_CAUTION =
  '**Allow** tells Defender the item is not a threat: antivirus stops detecting it and AIR ignores a bad verdict. Use it only for an item you know is clean (a false positive), never for something missed or not yet judged.';

const INDICATOR_PATH: TodayPath = {
  where: 'Microsoft Defender for Endpoint: **Indicators**',
  steps: [
    'Go to **Settings** > **Endpoints** > **Indicators** and pick the tab for the item: **File hashes**, **IP addresses**, **URLs/Domains** or **Certificates**.',
    'Select **Add item** and set the action to **Allow**.',
  ],
  open: { title: 'Open Indicators', url: 'https://security.microsoft.com/securitysettings/endpoints/custom_ti_indicators' },
  caution: ALLOW_CAUTION,
};

export function adjustPathToday(scenario: ScenarioId): TodayPath {
  return scenario === 'malware-on-device' ? INDICATOR_PATH : alertTuningPath(CLASSIFICATION[scenario]);
}

// ---- Undo: the Action center ----

export const ACTION_CENTER_HISTORY: Link = { title: 'Open Action center history', url: 'https://security.microsoft.com/action-center/history' };

/** Today's undo is four steps; the walk-through follows the article's seven and offers this beside it. */
export const UNDO_SHORT_PATH =
  'In today\'s portal it is shorter: **Action center** > **History**, select the action, then **Undo** in the pane. Several actions of the same type can be undone together.';

export const DEVICE_AIR_CHANGE =
  'Since 1 September 2026, device investigations live in incidents: AIR no longer runs as a separate experience for Defender for Endpoint. Defender for Office 365 AIR remains.';

export interface TodayRoles {
  readonly area: string;
  readonly roles: string;
}

/** Who may undo today. */
export const UNDO_ROLES_TODAY: { readonly requirements: readonly TodayRoles[]; readonly link: Link } = {
  requirements: [
    {
      area: 'Devices',
      roles: 'Microsoft Entra **Security Administrator**; with Unified RBAC, **Security operations \\ Security data \\ Response (manage)**; in Defender for Endpoint\'s own RBAC, **Active remediation actions**.',
    },
    {
      area: 'Email (Defender for Office 365)',
      roles: 'Microsoft Entra **Security Administrator** and **Search and Purge** (in the Data Investigator and Organization Management role groups); with Unified RBAC, **Email & collaboration metadata (read)** and **Email & collaboration advanced actions (manage)**.',
    },
  ],
  link: { title: 'Email & collaboration roles', url: 'https://security.microsoft.com/emailandcollabpermissions' },
};

/**
 * Where today's portal differs from an undo step of the article, what it says instead, by step number.
 * Steps not listed read the same today.
 */
export const UNDO_STEPS_TODAY: Readonly<Record<number, string>> = {
  1: 'Sign in to the **Microsoft Defender portal** (Microsoft Defender XDR) at security.microsoft.com.',
  2: 'The **Action center** keeps its name; its history opens directly at security.microsoft.com/action-center/history.',
  3: 'The pane that opens has **Undo** itself: select it and the action is undone (a quarantined file offers **Apply to X more instances**). The steps below are the article\'s longer path.',
  4: 'Both kinds of investigation open in the Microsoft Defender portal, under **Investigations**; since 1 September 2026 device investigations live in the incident\'s **Investigations** tab.',
  7: 'Select **Undo** to undo the action.',
};

/** Today's place for an investigation's details, whichever branch the article names. */
export const INVESTIGATIONS_TODAY: Link = { title: 'Open Investigations', url: 'https://security.microsoft.com/airinvestigation' };
