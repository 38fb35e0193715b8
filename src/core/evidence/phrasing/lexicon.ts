/**
 * The analyst's words the recogniser listens for, written as they would appear on a card
 * ("I found ... the word 'email'"). Matching ignores case, apostrophes and punctuation, and
 * always prefers the longest phrase, so "not detected" wins over "detected".
 */

export const CUE_KINDS = [
  'missed',
  'wrongly',
  'threat',
  'mail',
  'phish',
  'attachment',
  'officeWord',
  'deviceWord',
  'appWord',
  'linkWord',
  'alert',
  'legitUse',
  'inaccurate',
  'asMalware',
  'allow',
  'indicator',
  'undo',
  'tune',
  'report',
] as const;
export type CueKind = (typeof CUE_KINDS)[number];

/*
 * Phrases that carry more than one cue. A phrase the scan matches consumes its words, so it must carry
 * every cue its words would have given: each list below goes into each cue kind it names.
 */
/** AIR acted, and wrongly: undo, wrongly and threat. */
const MISTAKEN_REMEDIATION = [
  'isolated by mistake', 'isolated it by mistake', 'wrongly isolated', 'restricted by mistake', 'disabled by mistake',
  'deleted by mistake', 'removed by mistake', 'soft deleted by mistake',
];
/** "AIR took X by mistake": undo and wrongly. */
const TOOK_BY_MISTAKE = ['took by mistake', 'took it by mistake', 'took them by mistake'];
/** What AIR did to a device, in words that also ask for its undo: undo and threat. */
const AIR_ON_A_DEVICE = ['AIR isolated', 'AIR restricted', 'AIR disabled', 'isolated but', 'restricted app execution', 'code execution restriction', 'app execution restriction'];
/** An email back where it was: undo and mail. */
const MAILBOX_UNDO = [
  'put the email back', 'put the message back', 'put the mail back', 'back in the inbox', 'back into the inbox',
  'back to the inbox', 'back in her inbox', 'back in his inbox', 'back in their inbox', 'back into the mailbox',
  'restore to the inbox', 'restore it to the inbox', 'move the email back', 'move the message back', 'move to inbox',
  'soft deleted by mistake',
];
/** An alert that should stop: alert and tune. */
const ALERT_STOP = ['alert stop', 'alerts stop', 'silence the alert', 'mute the alert'];

export const CUE_PHRASES: Readonly<Record<CueKind, readonly string[]>> = {
  // A false negative: AIR let something through.
  missed: [
    'missed', 'miss', 'misses', 'false negative', 'false negatives', 'FN', 'not detected',
    "wasn't detected", "weren't detected", "isn't detected", "didn't detect", 'did not detect',
    'undetected', 'not caught', "wasn't caught", "didn't catch", 'did not catch', 'never caught',
    "didn't get caught", 'not flagged', "wasn't flagged", "didn't flag", 'nothing flagged',
    'not blocked', "wasn't blocked", "didn't block", 'did not block', "didn't get blocked",
    'never blocked', 'not quarantined', "wasn't quarantined", 'should have been blocked',
    "should've been blocked", 'should have been caught', "should've been caught",
    'should have been detected', 'should have been flagged', 'should have been quarantined',
    'got through', 'slipped through', 'made it through', 'went through', 'let through',
    'allowed through', 'got past', 'bypassed', 'evaded', 'landed in', 'delivered', 'no alert',
    'no detection', 'not clean', "isn't clean", "wasn't clean", 'not benign', 'not legit',
    'not legitimate', "isn't legit", 'not safe', "isn't safe",
    // AIR's verdict said clean, the analyst says otherwise.
    'marked it clean', 'marked clean', 'marked as clean', 'marked it as clean', 'verdict clean',
    'verdict was clean', 'said it was clean', 'came back clean', 'rated clean', 'deemed clean',
    'no action taken', 'no action was taken', 'took no action', 'not remediated', "wasn't remediated",
    'does not catch', "doesn't catch", 'does not detect', "doesn't detect", 'not catching', "isn't catching",
    'not detecting', "isn't detecting",
  ],
  // A false positive: AIR acted on something harmless.
  wrongly: [
    'wrongly', 'wrongly detected', 'wrongly flagged', 'wrongly blocked', 'wrongly quarantined',
    'false positive', 'false positives', 'FP', 'FPs', 'clean', 'legit', 'legitimate', 'benign',
    'harmless', 'blocked but', 'quarantined but', 'flagged but', 'detected but', 'by mistake',
    'mistakenly', 'incorrectly', 'erroneously', 'misclassified', 'not malicious', 'not malware',
    'not phish', 'not phishing', 'not spam', "isn't malicious", "isn't phishing", "isn't spam",
    'not a threat', 'not a virus', "shouldn't have been blocked", 'should not have been blocked',
    "shouldn't have been quarantined", "shouldn't have been flagged", "shouldn't be blocked",
    'overblocking', 'is fine', "it's fine", 'was fine', 'is safe', "it's safe", 'was safe',
    'known good', 'trusted', 'not delivered', "wasn't delivered", 'never delivered', 'benign positive',
    'treated as malware', 'treated as malicious', 'treats it as malware', 'treats it as malicious',
    'treating it as malware', 'treating it as malicious',
    ...MISTAKEN_REMEDIATION, ...TOOK_BY_MISTAKE, 'offline by mistake',
  ],
  // Words that show the message is about a detection at all.
  threat: [
    'malware', 'malicious', 'suspicious', 'virus', 'trojan', 'ransomware', 'threat', 'threats',
    'blocked', 'block', 'blocking', 'blocks', 'quarantined', 'quarantine', 'flagged', 'detected',
    'detection', 'detections', 'remediated', 'remediation', 'isolated', 'AIR',
    'automated investigation', 'investigation', 'verdict', 'ZAP', 'zapped', 'Defender', 'sandbox',
    'detonated', 'soft deleted', 'deleted', 'removed', 'purged', 'nuked', 'Safe Links', 'Safe Attachments',
    'junked', 'moved to junk', 'sent to junk', 'quarantined mail', 'quarantined email', 'quarantined emails',
    'quarantined message', 'quarantined messages', 'hard deleted', 'soft delete',
    'isolation', ...MISTAKEN_REMEDIATION, ...AIR_ON_A_DEVICE,
  ],
  mail: [
    'email', 'emails', 'e-mail', 'e-mails', 'mail', 'mails', 'inbox', 'inboxes', 'mailbox',
    'mailboxes', 'message', 'messages', 'Outlook', 'sender', 'recipient', 'recipients', 'newsletter',
    'junk', 'Exchange Online', 'Office 365', 'Defender for Office', 'MDO', 'tenant allow block list',
    // Mailbox words: only email is soft deleted, junked or zapped.
    'soft deleted', 'soft delete', 'hard deleted', 'junked', 'moved to junk', 'sent to junk', 'junk folder',
    'junk mail', 'quarantined mail', 'quarantined email', 'quarantined emails', 'quarantined message',
    'quarantined messages', 'ZAP', 'zapped', 'subject', 'subject line', 'mail flow', ...MAILBOX_UNDO,
  ],
  phish: ['phish', 'phishing', 'phishy', 'spam', 'spoof', 'spoofed', 'spoofing', 'BEC', 'impersonation'],
  attachment: ['attachment', 'attachments', 'attached', 'attach', 'Safe Attachments'],
  officeWord: [
    'Office file', 'Office files', 'Office document', 'Office doc', 'document', 'documents', 'doc',
    'docx', 'Word', 'Word document', 'Word doc', 'Excel', 'spreadsheet', 'workbook', 'xlsx', 'xls',
    'PowerPoint', 'pptx', 'ppt', 'presentation', 'deck', 'OneNote', 'macro',
  ],
  deviceWord: [
    'device', 'devices', 'endpoint', 'endpoints', 'laptop', 'laptops', 'host', 'hosts', 'hostname',
    'machine', 'machines', 'workstation', 'workstations', 'server', 'servers', 'computer',
    'computers', 'PC', 'PCs', 'desktop', 'desktops', 'VM', 'MDE', 'Defender for Endpoint', 'EDR',
    'antivirus', 'AV', 'on disk',
  ],
  appWord: [
    'file', 'files', 'app', 'apps', 'application', 'program', 'software', 'installer', 'executable',
    'binary', 'script', 'tool', 'driver', 'process', 'exe', 'dll', 'msi', 'payload', 'dropper',
  ],
  linkWord: ['link', 'links', 'URL', 'URLs', 'hyperlink', 'website', 'Safe Links'],
  alert: [
    'alert', 'alerts', 'alerting', 'alerted', 'incident', 'incidents', 'impossible travel',
    'activity policy', 'anomaly detection', 'Cloud App Security', 'Defender for Cloud Apps', 'MCAS',
    ...ALERT_STOP,
  ],
  legitUse: [
    'legitimate', 'legit', 'expected', 'by design', 'intended', 'intentional', 'normal',
    'authorized', 'authorised', 'sanctioned', 'approved', 'planned', 'scheduled', 'pentest',
    'pen test', 'penetration test', 'red team', 'on purpose', 'benign positive', 'VPN',
    'travelling', 'traveling', 'on holiday', 'on vacation', 'known activity', 'known behaviour',
    'known behavior',
  ],
  inaccurate: [
    'inaccurate', 'inaccurately', 'not accurate', 'incorrect', 'incorrectly', 'wrong', 'wrong user',
    'wrong severity', 'wrong device', 'wrong entity', 'misleading', 'mislabeled', 'mislabelled',
    'misattributed', 'bogus', 'nonsense', 'false alarm', "doesn't make sense",
  ],
  asMalware: [
    'as malware', 'as malicious', 'as a threat', 'as a virus', 'as ransomware', 'as a trojan',
    'treated as malware',
  ],
  // Asking for an allow: the analyst judges the item harmless, so it counts as saying "false positive".
  allow: [
    'allow', 'allowlist', 'allow list', 'allow-list', 'whitelist', 'white list', 'whitelisted',
    'exclusion', 'exclusions', 'exclude', 'unblock', 'allow indicator', 'remove the block', 'lift the block',
    'stop blocking', 'stop quarantining', 'stop deleting', 'from blocking', 'from quarantining', 'from deleting',
    'from being blocked', 'from being quarantined', 'from being deleted',
  ],
  // An indicator may block as well as allow: it says where, not what the analyst judges.
  indicator: ['indicator', 'indicators', 'custom indicator', 'IOC', 'IOCs'],
  // The analyst wants AIR's action reversed.
  undo: [
    'undo', 'undone', 'undoing', 'restore', 'restored', 'restoring', 'un-quarantine', 'unquarantine',
    'unquarantined', 'roll back', 'rolled back', 'rollback', 'revert', 'reverted', 'reverse', 'reversed',
    'get it back', 'get them back', 'put it back', 'put them back', 'bring it back',
    'bring them back', 'bring back', 'release it', 'release them', 'release the', 'release this',
    'release these', 'release that', 'release from quarantine', 'undelete',
    ...MISTAKEN_REMEDIATION, ...TOOK_BY_MISTAKE,
    // A device AIR isolated or restricted (Defender for Endpoint can undo both).
    ...AIR_ON_A_DEVICE, 'release from isolation', 'from isolation', 'out of isolation', 'unisolate', 'unisolated',
    'un-isolate', 'lift the isolation', 'end the isolation', 'remove the isolation', 'stop the isolation',
    'back on the network', 'reconnect', 'reconnected', 'offline by mistake', 'lift the restriction',
    'lift the app restriction', 'remove the restriction', 'remove the app restriction', 'unrestrict', 'unrestricted',
    'let apps run again',
    // An email AIR moved away (Graph can move it back to the inbox).
    ...MAILBOX_UNDO, 'move it back', 'move them back', 'moved back',
    // An account AIR disabled (Defender for Identity can enable it).
    're-enable', 'reenable', 're-enabled', 'enable the account', 'enable the user', 'enable it again',
    'turn the account back on', 'turn the user account back on',
  ],
  // The analyst wants an alert to stop coming back.
  tune: [
    'tune', 'tuning', 'tuned', 'tune out', 'fine tune', 'suppress', 'suppressed', 'suppressing',
    'suppression', 'suppression rule', 'silence', 'mute', 'coming back', 'comes back', 'keeps coming back',
    'stop alerting', 'stop firing', 'stop flagging', 'stop triggering', 'from alerting', 'from firing',
    'from flagging', 'from triggering', 'stop this', 'stop these',
    'stop the alert', 'stop the alerts', 'stop alerts', 'stop it', 'stop them', 'stop getting', 'stop seeing',
    'recurring', 'recurs', 'keeps', 'kept', 'keeps firing', 'keep firing', 'keep getting',
    'keep seeing', 'again and again', 'over and over', 'repeatedly', 'every day', 'daily',
    'every time', 'every hour', 'hourly', 'constantly', 'noisy', 'noise', 'too many', 'flooding',
    'alert fatigue',
    // "Make it stop" in the analyst's words.
    ...ALERT_STOP, 'make it stop', 'make them stop', 'quiet', 'quieten', 'quiet down', 'go quiet',
    'go away', 'for good', 'too noisy', 'so noisy', 'less noise', 'cut the noise', 'reduce the noise',
    'goes off', 'going off', 'keeps going off', 'stop going off', 'stop paging', 'from paging', 'stop notifying',
    'stop popping up', 'snooze', 'silence it',
  ],
  // The analyst wants to tell Microsoft.
  report: [
    'report', 'reporting', 'submit', 'submitting', 'submission', 'resubmit', 'report to Microsoft',
    'send to Microsoft', 'send it to Microsoft', 'tell Microsoft', 'let Microsoft know',
  ],
};

/** Phrases that contain a cue word but mean something else; matching them consumes the words. */
export const DECOY_PHRASES: readonly string[] = [
  'legit looking', 'legit-looking', 'legitimate looking', 'looks legit', 'looked legit',
  'looks legitimate', 'looked legitimate', 'clean up', 'cleaned up', 'clean-up', 'safe senders',
  'system restore', 'restore point', 'new release', 'release notes', 'user reported', 'users reported',
];
