/**
 * The held-out part of the undo and "make it stop" phrasings (issue 27): written before the lexicon
 * learnt them and never used to tune it. Its precision and recall go in the closing note as an
 * estimate of how the recogniser does on new wording. Labels say what the analyst needs.
 */
import { adjust, type Phrasing, UNDO } from './phrasing';

export const UNDO_HELD_OUT: readonly Phrasing[] = [
  // ---- Undo: reverse what AIR did to a device, an email or an account ----
  { text: 'AIR put SALES-LAPTOP-22 in isolation by mistake, please release it', expected: UNDO },
  { text: 'can you take HR-PC-04 out of isolation? it was a false positive', expected: UNDO },
  { text: 'unisolate WS-0441, the user is stuck', expected: UNDO },
  { text: 'the device FIN-DESKTOP-3 was isolated for nothing, get it back on the network', expected: UNDO },
  { text: 'lift the app restriction on DEV-LAPTOP-9, it was clean', expected: UNDO },
  { text: 'AIR restricted app execution on PC-MKT-17 by mistake, undo it', expected: UNDO },
  { text: 'please remove the code execution restriction from SRV-BUILD2', expected: UNDO },
  { text: 'the quarantined newsletter was legit, put it back in her inbox', expected: UNDO },
  { text: 'move the email back to the inbox, AIR soft deleted it wrongly', expected: UNDO },
  { text: "restore the CFO's message to the inbox, it is not phishing", expected: UNDO },
  { text: 'can we get the soft deleted mail back into the mailbox of jane@contoso.com', expected: UNDO },
  { text: 'AIR disabled the account of our contractor by mistake, re-enable it', expected: UNDO },
  { text: 'please turn the user account back on, the compromise was a false alarm', expected: UNDO },
  { text: 'AIR took LAPTOP-HR-1 offline by mistake', expected: UNDO },
  { text: 'reconnect DESKTOP-7F2K1QP to the network, the isolation was wrong', expected: UNDO },
  { text: 'AIR isolated the laptop of our CEO by mistake, can you release it', expected: UNDO },

  // ---- Stop it: an alert that keeps coming back ----
  { text: 'make the alert about our patching job stop', expected: adjust('legitimate-use') },
  { text: 'how do we quiet this alert for the build server?', expected: adjust('legitimate-use') },
  { text: "the 'unusual sign-in' alert is too noisy, it's always our VPN", expected: adjust('legitimate-use') },
  { text: 'can this alert stop firing for the monitoring account', expected: adjust('legitimate-use') },
  { text: 'suppress the alert for the nightly export, it is expected', expected: adjust('legitimate-use') },
  { text: 'we want the backup alert to go away for good', expected: adjust('legitimate-use') },
  { text: 'this alert goes off every night for the SQL maintenance job', expected: adjust('legitimate-use') },
  { text: 'the alert names the wrong device every time, make it stop', expected: adjust('inaccurate-alert') },
  { text: 'stop the alert from paging us about the scanner', expected: adjust('legitimate-use') },
  { text: 'how do I silence the alert for our approved remote tool', expected: adjust('legitimate-use') },
];
