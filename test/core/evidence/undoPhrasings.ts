/**
 * The tuning part of the undo and "make it stop" phrasings (issue 27): the lexicon was written to
 * read these. The two that opened the issue come first. The held-out part is undoHeldOut.ts.
 */
import { adjust, type Phrasing, UNDO } from './phrasing';

export const UNDO_PHRASINGS: readonly Phrasing[] = [
  { text: 'please release FIN-LAPTOP-07 from isolation, AIR isolated it by mistake', expected: UNDO },
  { text: 'can we make the backup job alert stop?', expected: adjust('legitimate-use') },

  // ---- Undo a device isolation or app restriction ----
  { text: 'AIR isolated FIN-LAPTOP-7 but it was a false positive', expected: UNDO },
  { text: 'release FIN-LAPTOP-7 from isolation', expected: UNDO },
  { text: 'unisolate DESKTOP-8H2K3LM please', expected: UNDO },
  { text: 'can you un-isolate WS-1022? it is clean', expected: UNDO },
  { text: 'get SRV-FILE01 out of isolation, the investigation was wrong', expected: UNDO },
  { text: 'lift the isolation on LAPTOP-311', expected: UNDO },
  { text: 'end the isolation of PC-HR-2, it was a false positive', expected: UNDO },
  { text: 'remove the isolation from the device DEV-BOX-4', expected: UNDO },
  { text: 'LAPTOP-55 was isolated by mistake', expected: UNDO },
  { text: 'AIR wrongly isolated WKS-0042', expected: UNDO },
  { text: 'bring HOST-12 back on the network, it is fine', expected: UNDO },
  { text: 'reconnect LAPTOP-9 please, AIR cut it off for a clean installer', expected: UNDO },
  { text: 'lift the restriction on DESKTOP-2J4K6LM', expected: UNDO },
  { text: 'lift the app restriction on PC-OPS-3', expected: UNDO },
  { text: 'remove the restriction on LAPTOP-77, it was legit', expected: UNDO },
  { text: 'remove the app restriction from WS-0099', expected: UNDO },
  { text: 'unrestrict SRV-APP3, the code execution restriction was a mistake', expected: UNDO },
  { text: 'AIR restricted app execution on LAPTOP-6 by mistake', expected: UNDO },
  { text: 'LAPTOP-8 was restricted by mistake, let apps run again', expected: UNDO },
  { text: 'device id 1e5bc9d7e413ddd7902c2932e418702b84d0cc07 was isolated by mistake, release it', expected: UNDO },
  { text: 'AIR took LAPTOP-21 by mistake', expected: UNDO },
  { text: 'AIR took it by mistake, please undo the isolation of PC-44', expected: UNDO },

  // ---- Put an email back ----
  { text: 'put the email back, it was a legit invoice', expected: UNDO },
  { text: 'please put the message back in the inbox of joe@contoso.com', expected: UNDO },
  { text: 'put the mail back, AIR soft deleted it', expected: UNDO },
  { text: 'restore it to the inbox, it was not phishing', expected: UNDO },
  { text: 'restore the newsletter to the inbox', expected: UNDO },
  { text: 'move it back to the inbox, it is clean', expected: UNDO },
  { text: 'move the email back, AIR soft deleted it by mistake', expected: UNDO },
  { text: 'move the message back to anna@contoso.com', expected: UNDO },
  { text: 'the payroll mail was soft deleted by mistake', expected: UNDO },
  { text: 'AIR deleted the message by mistake, get it back', expected: UNDO },
  { text: 'the email was removed by mistake, it should be back in their inbox', expected: UNDO },
  { text: 'network message id 73ca4154-58d8-43d0-a890-08dc18c52e6d was quarantined by mistake, move to inbox', expected: UNDO },
  { text: 'NetworkMessageId: 73ca4154-58d8-43d0-a890-08dc18c52e6d to hannah.jarvis@contoso.com, put the email back', expected: UNDO },
  { text: 'get the quarantined email back into the inbox', expected: UNDO },

  // ---- Re-enable an account ----
  { text: 're-enable the account of sam@contoso.com, AIR disabled it by mistake', expected: UNDO },
  { text: 'please reenable jdoe, it was a false positive', expected: UNDO },
  { text: 'enable the account again, the sign-ins were our VPN', expected: UNDO },
  { text: 'enable the user mark@contoso.com, he was disabled by mistake', expected: UNDO },
  { text: 'turn the account back on for the intern', expected: UNDO },
  { text: 'the account was disabled by mistake', expected: UNDO },

  // ---- Make an alert stop ----
  { text: 'make it stop, the alert fires for our backup job every night', expected: adjust('legitimate-use') },
  { text: 'how do I make them stop? the alerts are for our scanner', expected: adjust('legitimate-use') },
  { text: 'can the alert stop for the patch server', expected: adjust('legitimate-use') },
  { text: 'how do I quiet the alert for our RMM tool', expected: adjust('legitimate-use') },
  { text: 'quieten this alert, it is expected', expected: adjust('legitimate-use') },
  { text: 'the alert should go quiet for the service account', expected: adjust('legitimate-use') },
  { text: 'I want this alert to go away, it is our pentest', expected: adjust('legitimate-use') },
  { text: 'stop firing this alert for the build agent', expected: adjust('legitimate-use') },
  { text: 'the alert keeps firing for the backup job', expected: adjust('legitimate-use') },
  { text: 'suppress this alert for svc-sync', expected: adjust('legitimate-use') },
  { text: 'this alert is too noisy', expected: adjust('legitimate-use') },
  { text: 'the impossible travel alert is so noisy for the sales team', expected: adjust('legitimate-use') },
  { text: 'cut the noise from this alert, it is expected behaviour', expected: adjust('legitimate-use') },
  { text: 'reduce the noise of the alert for the admin jump host', expected: adjust('legitimate-use') },
  { text: 'the alert goes off every hour for the monitoring agent', expected: adjust('legitimate-use') },
  { text: 'this alert keeps going off for the deployment account', expected: adjust('legitimate-use') },
  { text: 'stop paging us for this alert, it is planned work', expected: adjust('legitimate-use') },
  { text: 'snooze the alert for the migration weekend', expected: adjust('legitimate-use') },
  { text: 'silence the alert for our approved scanner', expected: adjust('legitimate-use') },
  { text: 'mute the alert for the test tenant', expected: adjust('legitimate-use') },
  { text: 'the alert is wrong every time, make it stop', expected: adjust('inaccurate-alert') },
];
