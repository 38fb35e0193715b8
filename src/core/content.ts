/**
 * The product's knowledge, as the seed article gives it ("How to report false positives/negatives in
 * automated investigation and response capabilities", Microsoft Threat Protection, 2020), with each
 * product's name today beside the article's. Today's pages, buttons and roles are in today.ts.
 * Names, URLs, roles and step order are kept exactly as the sources give them;
 * test/core/content.test.ts checks them against the seed and the domain facts.
 */

export interface Link {
  readonly title: string;
  readonly url: string;
}

/** A product as the article names it, and the name it carries today. */
export interface Service {
  readonly articleName: string;
  readonly articleUrl: string;
  readonly todayName: string;
}

/** What the article tells the analyst to do, and its link. */
export interface GuidanceAction {
  readonly articleText: string;
  readonly articleUrl: string;
}

const services = {
  office365Atp: {
    articleName: 'Office 365 Advanced Threat Protection',
    articleUrl: 'https://docs.microsoft.com/microsoft-365/security/office-365-security/office-365-atp',
    todayName: 'Microsoft Defender for Office 365',
  },
  defenderAtp: {
    articleName: 'Microsoft Defender Advanced Threat Protection',
    articleUrl: 'https://docs.microsoft.com/windows/security/threat-protection',
    todayName: 'Microsoft Defender for Endpoint',
  },
  cloudAppSecurity: {
    articleName: 'Microsoft Cloud App Security',
    articleUrl: 'https://docs.microsoft.com/cloud-app-security',
    todayName: 'Microsoft Defender for Cloud Apps',
  },
  azureThreatDetection: {
    articleName: 'Azure Advanced Threat Detection',
    articleUrl: 'https://docs.microsoft.com/azure/security/fundamentals/threat-detection',
    todayName: 'Azure threat protection',
  },
} as const satisfies Record<string, Service>;

const actions = {
  officeSubmission: {
    articleText: 'Submit suspected spam, phish, URLs, and files to Microsoft for Office 365 scanning',
    articleUrl: 'https://docs.microsoft.com/microsoft-365/security/office-365-security/admin-submission',
  },
  fileSubmission: {
    articleText: 'Submit a file to Microsoft for malware analysis',
    articleUrl: 'https://www.microsoft.com/wdsi/filesubmission',
  },
  manageAlerts: {
    articleText: 'Manage alerts in the Cloud App Security portal',
    articleUrl: 'https://docs.microsoft.com/cloud-app-security/managing-alerts',
  },
  allowIndicator: {
    articleText: 'Create a custom indicator with an "Allow" action',
    articleUrl: 'https://docs.microsoft.com/windows/security/threat-protection/microsoft-defender-atp/manage-indicators',
  },
} as const satisfies Record<string, GuidanceAction>;

/** One row of guidance: what to use and what to do there. */
export interface Guidance {
  readonly services: readonly Service[];
  readonly action: GuidanceAction;
}

// ---- Table 1: report a false positive/negative to Microsoft for analysis ----

export const ITEM_IDS = [
  'email-message',
  'email-attachment',
  'url-in-email',
  'url-in-office-file',
  'file-on-device',
] as const;
export type ItemId = (typeof ITEM_IDS)[number];

export interface Item extends Guidance {
  readonly id: ItemId;
  readonly label: string;
}

const officeGuidance: Guidance = { services: [services.office365Atp], action: actions.officeSubmission };

export const ITEMS: Readonly<Record<ItemId, Item>> = {
  'email-message': { id: 'email-message', label: 'Email message', ...officeGuidance },
  'email-attachment': { id: 'email-attachment', label: 'Email attachment', ...officeGuidance },
  'url-in-email': { id: 'url-in-email', label: 'URL in an email message', ...officeGuidance },
  'url-in-office-file': { id: 'url-in-office-file', label: 'URL in an Office file', ...officeGuidance },
  'file-on-device': {
    id: 'file-on-device',
    label: 'File or app on a device',
    services: [services.defenderAtp],
    action: actions.fileSubmission,
  },
};

export const VERDICT_IDS = ['missed', 'wrongly-detected'] as const;
export type VerdictId = (typeof VERDICT_IDS)[number];

export interface Verdict {
  readonly id: VerdictId;
  readonly label: string;
  readonly term: string;
}

export const VERDICTS: Readonly<Record<VerdictId, Verdict>> = {
  missed: { id: 'missed', label: 'AIR missed it', term: 'false negative' },
  'wrongly-detected': { id: 'wrongly-detected', label: 'AIR wrongly detected it', term: 'false positive' },
};

// ---- Table 2: adjust an alert to prevent false positives from recurring ----

export const SCENARIO_IDS = ['legitimate-use', 'inaccurate-alert', 'malware-on-device'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export interface Scenario extends Guidance {
  readonly id: ScenarioId;
  /** The article's words. */
  readonly label: string;
  /** The same, short enough for a Teams button (at most 40 characters). */
  readonly shortLabel: string;
}

const alertGuidance: Guidance = {
  services: [services.cloudAppSecurity, services.azureThreatDetection],
  action: actions.manageAlerts,
};

export const SCENARIOS: Readonly<Record<ScenarioId, Scenario>> = {
  'legitimate-use': { id: 'legitimate-use', label: 'An alert is triggered by legitimate use', shortLabel: 'Triggered by legitimate use', ...alertGuidance },
  'inaccurate-alert': { id: 'inaccurate-alert', label: 'An alert is inaccurate', shortLabel: 'The alert is inaccurate', ...alertGuidance },
  'malware-on-device': {
    id: 'malware-on-device',
    label: 'A file, IP address, or URL/domain is treated as malware on a device',
    shortLabel: 'Clean file, IP or URL seen as malware',
    services: [services.defenderAtp],
    action: actions.allowIndicator,
  },
};

// ---- Undo a remediation action that was taken ----

const SECURITY_CENTER_URL = 'https://security.microsoft.com';

export const UNDO_PERMISSIONS = {
  link: {
    title: 'Required permissions for Action center tasks',
    url: 'https://docs.microsoft.com/microsoft-365/security/mtp/mtp-action-center#required-permissions-for-action-center-tasks',
  },
  requirements: [
    {
      area: 'Device remediation (Microsoft Defender ATP)',
      roles:
        'Security Administrator (Azure AD or Microsoft 365 admin center) or the Active remediation actions role in Microsoft Defender ATP',
    },
    {
      area: 'Email and Office content remediation (Office 365 ATP)',
      roles:
        'Security Administrator (Azure AD or Microsoft 365 admin center) and the Search and Purge role in the Office 365 Security & Compliance Center',
    },
  ],
  caveat:
    'Security Administrator assigned only in the Security & Compliance Center does not give access to the Action center. Global administrators can approve or reject any action, but the roles above are the recommended ones.',
} as const;

export const BRANCH_IDS = ['email', 'device'] as const;
export type BranchId = (typeof BRANCH_IDS)[number];

/** Where the article says an investigation's details open; today both open in the Defender portal (today.ts). */
export interface InvestigationBranch {
  readonly id: BranchId;
  readonly label: string;
  /** What the investigation is about, as a phrase: "email content". */
  readonly about: string;
  readonly opensIn: string;
  readonly url: string;
}

export const BRANCHES: Readonly<Record<BranchId, InvestigationBranch>> = {
  email: {
    id: 'email',
    label: 'Email (the entity is a mailbox)',
    about: 'email content',
    opensIn: 'Office 365 Security & Compliance Center',
    url: 'https://protection.office.com/threatinvestigation',
  },
  device: {
    id: 'device',
    label: 'A device',
    about: 'a device',
    opensIn: 'security center',
    url: SECURITY_CENTER_URL,
  },
};

export interface UndoStep {
  /** The instruction, with the UI labels the analyst must find in **bold**. */
  readonly text: string;
  readonly link?: Link;
  readonly tip?: string;
  /** Step 4 asks which kind of investigation this is. */
  readonly asksBranch?: boolean;
}

export const UNDO_STEPS: readonly UndoStep[] = [
  {
    text: 'Open the Microsoft Threat Protection security center and sign in.',
    link: { title: 'Open security.microsoft.com', url: SECURITY_CENTER_URL },
  },
  { text: 'In the navigation pane, choose **Action center**.' },
  {
    text: 'On the **History** tab, pick the action you want to undo. A flyout opens with its details.',
    tip: 'Use filters to narrow down the list of results.',
  },
  {
    text: 'In the flyout for that action, select **Open investigation page**.',
    asksBranch: true,
  },
  { text: 'In the investigation details view, select the **Actions** tab.' },
  {
    text: 'Pick an item whose status is **Completed**, and look for a link such as **Approved** in the **Decisions** column. It opens a flyout with more about the action.',
  },
  { text: 'Select **Delete remediation** to undo the action.' },
];

export const UNDO_STEP_COUNT = UNDO_STEPS.length;

export const NEXT_STEPS: readonly Link[] = [
  {
    title: 'Approve or reject actions related to automated investigation and response',
    url: 'https://docs.microsoft.com/microsoft-365/security/mtp/mtp-autoir-actions',
  },
  {
    title: 'Learn more about the Action center',
    url: 'https://docs.microsoft.com/microsoft-365/security/mtp/mtp-action-center',
  },
  {
    title: 'Proactively hunt for threats with advanced hunting in Microsoft Threat Protection',
    url: 'https://docs.microsoft.com/microsoft-365/security/mtp/advanced-hunting-overview',
  },
];
