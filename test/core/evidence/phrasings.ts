/**
 * Realistic analyst messages and the row of the article's tables each should lead to. Shared by
 * the jest table test and scripts/recogniser-quality.ts (precision and recall). Data only.
 */
import type { ItemId, ScenarioId, VerdictId } from '../../../src/core/content';
import type { Proposal } from '../../../src/core/evidence';

export interface Phrasing {
  readonly text: string;
  /** null: the message must not lead anywhere (the bot shows its help card). */
  readonly expected: Proposal | null;
}

const report = (item: ItemId, verdict?: VerdictId): Proposal =>
  verdict === undefined ? { flow: 'report', item } : { flow: 'report', item, verdict };
const adjust = (scenario: ScenarioId): Proposal => ({ flow: 'adjust', scenario });
const FN = 'missed';
const FP = 'wrongly-detected';

export const PHRASINGS: readonly Phrasing[] = [
  // ---- URL in an email message ----
  { text: "hxxps://contoso-login[.]example/verify got blocked in a mail but it's clean", expected: report('url-in-email', FP) },
  { text: 'Phishing email with link hxxp://paypa1-secure[.]com/login got through to 40 inboxes', expected: report('url-in-email', FN) },
  { text: 'URL in this message was missed: https://evil.example.net/payload', expected: report('url-in-email', FN) },
  { text: "Safe Links blocked https://partner.contoso.com/portal in an email, it's a legitimate partner site", expected: report('url-in-email', FP) },
  { text: 'false negative: user clicked hxxps://login-microsoftonline[.]xyz/auth from an email', expected: report('url-in-email', FN) },
  { text: 'the link in the mail to www[.]fabrikam-invoices[.]com/pay should have been blocked', expected: report('url-in-email', FN) },
  { text: 'ZAP pulled a newsletter from inboxes because of hxxp://news.contoso[.]com/unsubscribe, FP', expected: report('url-in-email', FP) },
  { text: 'hxxp[://]evil(.)com/a got through in an email', expected: report('url-in-email', FN) },
  { text: 'hxxps[:]//bad[.]site/x landed in the inbox, not detected', expected: report('url-in-email', FN) },
  { text: '<at>AIR helper</at> this link in a customer email is wrongly flagged: https://tracking.northwind.com/c/123', expected: report('url-in-email', FP) },
  { text: 'Users got a mail pointing to hxxps://sharepoint-docs[.]online/share and nobody caught it. AIR missed it.', expected: report('url-in-email', FN) },

  { text: 'Got a report from a user - phishing mail with a credential harvesting link hxxps://m1crosoft-support[.]com/reset, AIR marked it clean', expected: report('url-in-email', FP) },
  { text: 'email to the board with a OneDrive link was zapped, the link is legit', expected: report('url-in-email', FP) },

  // ---- URL in an Office file ----
  { text: "URL inside Q3-report.docx is flagged as malicious but it's legit: https://contoso.sharepoint.com/sites/finance", expected: report('url-in-office-file', FP) },
  { text: "hxxp://malicious-macro[.]ru/dl in an Excel workbook wasn't detected", expected: report('url-in-office-file', FN) },
  { text: 'link in a Word document got through, should have been caught', expected: report('url-in-office-file', FN) },
  { text: 'PowerPoint deck has a URL that Defender wrongly blocked: hxxps://training[.]contoso[.]com/module1', expected: report('url-in-office-file', FP) },
  { text: 'the hyperlink in budget.xlsx points to hxxp://203.0.113[.]7/x.php and was not flagged', expected: report('url-in-office-file', FN) },
  { text: 'Office document with a link to our intranet https://intranet.contoso.com/hr is a false positive', expected: report('url-in-office-file', FP) },

  { text: 'Word file with hxxp://bit[.]ly/3xyz link not detected', expected: report('url-in-office-file', FN) },

  // ---- Email message ----
  { text: "This phishing email from ceo@contoso-payroll.com wasn't caught", expected: report('email-message', FN) },
  { text: 'Legit newsletter from news@fabrikam.com quarantined as phish', expected: report('email-message', FP) },
  { text: 'AIR soft deleted a legitimate message from our HR team', expected: report('email-message', FP) },
  { text: "spam got through to the CFO's inbox", expected: report('email-message', FN) },
  { text: 'false positive on an email from a vendor', expected: report('email-message', FP) },
  { text: 'BEC email slipped through, no detection', expected: report('email-message', FN) },
  { text: 'attacker@evil[.]com sent phish that AIR missed', expected: report('email-message', FN) },
  { text: "mail from partner@northwind.com is blocked but it's a real customer", expected: report('email-message', FP) },
  { text: 'sender noreply[@]contoso-billing[.]com is a false positive', expected: report('email-message', FP) },
  { text: 'Spoofed CEO mail was delivered to finance, should have been blocked', expected: report('email-message', FN) },
  { text: 'emails from evil-shipping[.]com keep landing in mailboxes, not caught', expected: report('email-message', FN) },

  { text: 'Phish sim from our KnowBe4 campaign got flagged - false positive', expected: report('email-message', FP) },
  { text: 'a legit-looking phishing email got through', expected: report('email-message', FN) },

  // ---- Email attachment ----
  { text: 'invoice.docx attached to an email was quarantined by mistake', expected: report('email-attachment', FP) },
  { text: 'malicious attachment payroll.zip got through to the inbox', expected: report('email-attachment', FN) },
  { text: 'the PDF attachment in this mail is clean, false positive', expected: report('email-attachment', FP) },
  { text: 'Safe Attachments missed a macro doc in an email', expected: report('email-attachment', FN) },
  { text: 'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 of the attachment, should have been blocked', expected: report('email-attachment', FN) },
  { text: "Quote_2024.xlsx in an email from a supplier was flagged, but it's benign", expected: report('email-attachment', FP) },
  { text: 'the ISO attachment in that phish was not detected', expected: report('email-attachment', FN) },
  { text: 'statement.html came in a mail and slipped through', expected: report('email-attachment', FN) },

  { text: 'the link inside the attached contract.pdf went to a phishing page and was not blocked', expected: report('email-attachment', FN) },

  // ---- File or app on a device ----
  { text: 'LAPTOP-42 quarantined invoice.docx, false positive', expected: report('file-on-device', FP) },
  { text: 'SHA-256 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae', expected: report('file-on-device') },
  { text: "d41d8cd98f00b204e9800998ecf8427e wasn't detected on host WS-123", expected: report('file-on-device', FN) },
  { text: 'Defender wrongly quarantined our payroll app PayrollSync.exe on workstation FIN-WS-07', expected: report('file-on-device', FP) },
  { text: 'mimikatz.exe ran on SRV-DB01 and nothing flagged it', expected: report('file-on-device', FN) },
  { text: "the installer for our VPN client got quarantined on several endpoints, it's legit", expected: report('file-on-device', FP) },
  { text: 'ransomware.exe executed on DESKTOP-7G3K2LM, MDE missed it', expected: report('file-on-device', FN) },
  { text: 'powershell script update.ps1 was detected on the server, benign', expected: report('file-on-device', FP) },
  { text: 'hash 5d41402abc4b2a76b9719d911017c592 false negative on endpoint', expected: report('file-on-device', FN) },
  { text: 'SHA1 da39a3ee5e6b4b0d3255bfef95601890afd80709', expected: report('file-on-device') },
  { text: 'C:\\Users\\amy\\Downloads\\setup_tool.msi was removed from her laptop by mistake', expected: report('file-on-device', FP) },
  { text: 'a dropper on machine HR-PC-12 was not caught by AV', expected: report('file-on-device', FN) },

  { text: 'DeviceName: FINANCE-LT-044, FileName: AnyDesk.exe, false positive', expected: report('file-on-device', FP) },
  { text: "keylogger.dll wasn't flagged on the server SRV-APP-3", expected: report('file-on-device', FN) },

  // ---- Adjust: an alert is triggered by legitimate use ----
  { text: "Impossible travel alert for bob@contoso.com keeps firing, he's on VPN", expected: adjust('legitimate-use') },
  { text: 'this alert is triggered by legitimate use of our backup tool', expected: adjust('legitimate-use') },
  { text: "The mass download alert fires every day for our sync service account, it's expected behaviour", expected: adjust('legitimate-use') },
  { text: "alerts for the admin's PowerShell activity are noisy and by design", expected: adjust('legitimate-use') },
  { text: "Cloud App Security alert is a benign positive, it's our pentest", expected: adjust('legitimate-use') },
  { text: 'we keep getting the same alert for a sanctioned app', expected: adjust('legitimate-use') },
  { text: 'The alert on DESKTOP-9 for the scheduled backup job is expected', expected: adjust('legitimate-use') },

  { text: "we get the 'Activity from infrequent country' alert every single day for our travelling sales team", expected: adjust('legitimate-use') },

  // ---- Adjust: an alert is inaccurate ----
  { text: 'the alert is inaccurate, it names the wrong user', expected: adjust('inaccurate-alert') },
  { text: 'alert severity is incorrect and the details are wrong', expected: adjust('inaccurate-alert') },
  { text: "This incident's alert is misleading: the activity never happened", expected: adjust('inaccurate-alert') },
  { text: 'The anomaly detection alert shows the wrong IP location, false alarm', expected: adjust('inaccurate-alert') },
  { text: 'alert says 500 files were deleted but only 2 were, inaccurate', expected: adjust('inaccurate-alert') },
  { text: 'the alert is a false positive', expected: adjust('inaccurate-alert') },

  { text: "the alert has the wrong device, it wasn't even on LAPTOP-77", expected: adjust('inaccurate-alert') },

  // ---- Adjust: a file, IP address, or URL/domain is treated as malware on a device ----
  { text: "10.20.30.40 is blocked on endpoints as malicious, it's our update server, please allow", expected: adjust('malware-on-device') },
  { text: 'contoso-cdn[.]net treated as malware on LAPTOP-42', expected: adjust('malware-on-device') },
  { text: 'Defender keeps blocking tool.exe on our build servers, we need an allow indicator', expected: adjust('malware-on-device') },
  { text: "hxxps://updates.fabrikam[.]com/agent is blocked on every device but it's legit", expected: adjust('malware-on-device') },
  { text: '2001:db8::1 flagged as malicious on host WS-9, create an allow', expected: adjust('malware-on-device') },
  { text: 'a file on my laptop was wrongly detected as malware', expected: adjust('malware-on-device') },
  { text: 'please whitelist fabrikam.com, endpoints are blocking it', expected: adjust('malware-on-device') },
  { text: 'IP 192.168.10.5 is treated as malware on a device', expected: adjust('malware-on-device') },
  { text: 'I believe 8.8.8[.]8 is legit, Defender blocked it on my PC', expected: adjust('malware-on-device') },
  { text: 'our line-of-business app agent.exe keeps getting quarantined on workstations, can we add an exclusion?', expected: adjust('malware-on-device') },

  { text: 'hey, can you add 172.16.4.20 to the allow list? MDE treats it as malicious', expected: adjust('malware-on-device') },
  { text: "Please allow intranet.contoso.local on endpoints, it's being blocked", expected: adjust('malware-on-device') },

  // ---- Not about a detection at all ----
  { text: 'hello', expected: null },
  { text: 'what can you do', expected: null },
  { text: 'thanks!', expected: null },
  { text: 'lunch at 12?', expected: null },
  { text: 'good morning team', expected: null },
  { text: 'help', expected: null },
  { text: 'can you send me the meeting notes?', expected: null },
  { text: 'I missed the standup, what did I miss?', expected: null },
  { text: 'my laptop is slow today', expected: null },
  { text: 'thanks for the email', expected: null },
  { text: 'see you at 10.30', expected: null },
  { text: 'version 1.2.3 is out, e.g. the new dashboard', expected: null },
  { text: 'how do I undo a remediation?', expected: null },
  { text: 'Is the server down?', expected: null },
  { text: 'please share the deck for tomorrow', expected: null },
  { text: "who's on call this weekend? ok 👍", expected: null },
  { text: "I'll send the link after the call", expected: null },
  { text: 'the mail server is being upgraded tonight', expected: null },
  { text: 'meeting moved to 3pm, room 4.12', expected: null },
];
