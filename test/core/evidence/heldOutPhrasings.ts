/**
 * The held-out part of the phrasing table: written before the recogniser learnt intents, portal
 * context and the safety rule, and never used to tune it. Its precision and recall are printed
 * beside the tuning part's, as an honest estimate of how the recogniser does on new phrasings.
 * Labels say what an analyst needs, whatever the recogniser answers today.
 */
import { adjust, FN, FP, type Phrasing, report, UNDO } from './phrasing';

export const HELD_OUT_PHRASINGS: readonly Phrasing[] = [
  // ---- Undo: the analyst wants AIR's action reversed ----
  { text: 'can you help me restore report_final.xlsx? AIR quarantined it on LAPTOP-88 this morning', expected: UNDO },
  { text: 'AIR soft deleted the payroll email from HR, how do I get it back?', expected: UNDO },
  { text: 'need to roll back the remediation on SRV-FS02, it killed our backup service', expected: UNDO },
  { text: 'please revert what the investigation did to DESKTOP-4KQ2P1L', expected: UNDO },
  { text: 'how can I un-quarantine setup.exe on WS-0193', expected: UNDO },
  { text: 'release the messages AIR removed from the sales mailbox, they were fine', expected: UNDO },
  { text: "AIR removed a registry key on PC-ACC-12 and now the app won't start, can we put it back?", expected: UNDO },
  { text: 'the automated investigation disabled a driver on SRV-PRINT1, I want to reverse that', expected: UNDO },
  { text: 'Restore invoice_4471.pdf for our finance user please', expected: UNDO },
  { text: "how do I undo what AIR did to the CEO's inbox?", expected: UNDO },
  { text: 'rollback remediation action on host WKS-2231', expected: UNDO },
  { text: 'can I bring back the scheduled task AIR deleted on SRV-APP07?', expected: UNDO },
  { text: 'https://security.microsoft.com/action-center/history shows AIR soft deleted a legit email, how do I undo it', expected: UNDO },

  // ---- Tuning: stop an alert from coming back ----
  { text: 'how do I make this alert stop coming back every night?', expected: adjust('legitimate-use') },
  { text: "suppress the 'Suspicious PowerShell command line' alert for our SCCM server, it's our deployment scripts", expected: adjust('legitimate-use') },
  { text: 'the impossible travel alert for the sales team is so noisy, they use a VPN', expected: adjust('legitimate-use') },
  { text: 'tune out the alert for our vulnerability scanner, it fires every week', expected: adjust('legitimate-use') },
  { text: "Alert keeps triggering on the same admin account, it's an approved change window", expected: adjust('legitimate-use') },
  { text: "this MCAS alert says mass download but it's the wrong user, how do I stop it?", expected: adjust('inaccurate-alert') },
  { text: 'the alert shows the wrong device name, can we tune it', expected: adjust('inaccurate-alert') },
  { text: 'Stop this alert from firing for svc-backup, expected behaviour', expected: adjust('legitimate-use') },
  { text: 'we get 200 alerts a day for the same benign task, need to silence them', expected: adjust('legitimate-use') },
  { text: 'recurring alert on DESKTOP-3 for our RMM tool, how to suppress?', expected: adjust('legitimate-use') },
  { text: "can I create a suppression rule for the 'Anomalous token' alert? it's our pentest", expected: adjust('legitimate-use') },
  { text: "how do I stop Defender from flagging our in-house tool build.exe on dev machines? it's clean", expected: adjust('malware-on-device') },
  { text: 'this alert keeps coming back although it is inaccurate', expected: adjust('inaccurate-alert') },
  { text: 'is there a way to tune alerts for the backup job that runs at 2am?', expected: adjust('legitimate-use') },
  { text: 'alert da637612345678901234_1234567890 keeps firing for our backup job, expected', expected: adjust('legitimate-use') },

  // ---- Missed threats and unknown verdicts: never an allow ----
  { text: 'hxxps://micros0ft-login[.]top/auth was not blocked on LAPTOP-21, user entered creds', expected: report('url-in-email', FN) },
  { text: 'payload.dll ran on SRV-WEB3 and Defender never alerted', expected: report('file-on-device', FN) },
  { text: 'evil-cdn[.]ru served malware to WS-554, nothing was blocked', expected: report('url-in-email', FN) },
  { text: 'hash 3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea executed on host FIN-22, should have been quarantined', expected: report('file-on-device', FN) },
  { text: 'IP 45.77.12[.]9 beaconing from LAPTOP-90, not detected', expected: report('url-in-email', FN) },
  { text: 'should I allowlist hxxp://cdn-update[.]xyz/agent.exe? it got past Defender on PC-77', expected: report('url-in-email') },
  { text: '8.8.4[.]4 showed up in a phishing mail, can you add it as an indicator', expected: report('url-in-email') },
  { text: 'Create an indicator to block evil[.]com on all devices', expected: report('url-in-email') },
  { text: "ransom.exe encrypted files on FS-01 and AIR didn't catch it", expected: report('file-on-device', FN) },
  { text: 'Invoice_8812.zip attached to a phishing email was delivered to 12 users', expected: report('email-attachment', FN) },
  { text: "a phishing mail with subject 'Your mailbox is full' went through to 30 users", expected: report('email-message', FN) },
  { text: "the URL hxxps://docs-share[.]info/view in an email was clicked by 3 people, it wasn't flagged", expected: report('url-in-email', FN) },
  { text: 'what do I do with hxxp://login-office365[.]cc/session', expected: report('url-in-email') },
  { text: 'c:\\temp\\svch0st.exe on DESKTOP-88QW is malicious and was never blocked', expected: report('file-on-device', FN) },

  // ---- False positives to report ----
  { text: '"Quarterly bonus letter" was soft deleted from 40 mailboxes but it is legit', expected: report('email-message', FP) },
  { text: "Subject: Updated bank details for supplier - moved to junk, it's a real supplier", expected: report('email-message', FP) },
  { text: 'our marketing newsletter got junked for every recipient, false positive', expected: report('email-message', FP) },
  { text: 'AIR zapped the board pack email, nothing malicious in it', expected: report('email-message', FP) },
  { text: "contract_v2.docx attached to a partner email was blocked as malware, it's clean", expected: report('email-attachment', FP) },
  { text: 'Safe Links blocked hxxps://portal.northwind[.]com/login in our newsletter, legit partner site', expected: report('url-in-email', FP) },
  { text: 'the link to our SharePoint in budget.xlsx is flagged as phishing by mistake', expected: report('url-in-office-file', FP) },
  { text: "Defender quarantined PayrollExport.exe on FIN-LT-03 but it's our own tool, false positive", expected: report('file-on-device', FP) },
  { text: 'quarantined mail from billing@fabrikam.com is legitimate, please tell me how to report it', expected: report('email-message', FP) },
  { text: 'RE: Invoice 7731 - quarantined as phish, but this is a known vendor thread', expected: report('email-message', FP) },

  // ---- A file, IP or URL wrongly treated as malware on devices: the allow indicator ----
  { text: "please unblock 10.50.2.14 on endpoints, it's our SCCM distribution point", expected: adjust('malware-on-device') },
  { text: 'Defender for Endpoint treats build-agent.exe as malware on every build server, false positive', expected: adjust('malware-on-device') },
  { text: "can we add an allow indicator for hxxps://updates.contoso[.]com on devices? it's legit", expected: adjust('malware-on-device') },
  { text: 'our internal domain corp-apps.contoso.com gets blocked on laptops, it is safe, please allow it', expected: adjust('malware-on-device') },
  { text: "MDE keeps flagging the hash 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 on PC-HR-4, it's our HR app and harmless", expected: adjust('malware-on-device') },

  // ---- The analyst's own portal: context, never evidence ----
  { text: 'https://security.microsoft.com/incidents/2972395?tid=2f3c8e1a-0000-4000-8000-000000000001 LAPTOP-42 quarantined invoice.docx, false positive', expected: report('file-on-device', FP) },
  { text: 'incident 2984410: hxxps://evil-payroll[.]com/login got through in an email', expected: report('url-in-email', FN) },
  { text: 'https://security.microsoft.com/alerts/da637551227677560813_-961444813?tid=abc this alert is a false positive', expected: adjust('inaccurate-alert') },
  { text: 'see https://security.microsoft.com/incidents/3011200 - the phishing email from hr-payroll@contoso-pay.com was not caught', expected: report('email-message', FN) },
  { text: 'https://security.microsoft.com/incidents/2972395', expected: null },

  // ---- Not about a detection: small talk and office chatter ----
  { text: 'thank you so much!', expected: null },
  { text: 'ok cool', expected: null },
  { text: 'cheers mate', expected: null },
  { text: 'morning all, coffee anyone?', expected: null },
  { text: 'can you review my PR when you get a chance', expected: null },
  { text: 'the quarterly report is due friday', expected: null },
  { text: "I'll be out of office tomorrow", expected: null },
  { text: 'great, that worked', expected: null },
  { text: 'who owns the firewall change today?', expected: null },
];
