import { MenuKind } from '../views';
import { Button, commandButton } from './buttons';

const MENU_TEXT: Readonly<Record<MenuKind, { title: string; intro: string }>> = {
  welcome: {
    title: 'AIR false positive and false negative helper',
    intro:
      'When automated investigation and response (AIR) in Microsoft Defender XDR, formerly Microsoft Threat Protection, misses a threat or flags something clean, I show you where to report it, how to keep the alert from coming back, and how to undo a remediation. Pick one below. In a channel or group chat, mention me first.',
  },
  help: {
    title: 'What I can do',
    intro:
      '**report**: tell Microsoft about something AIR missed or wrongly detected.\n\n**adjust**: stop an alert from recurring.\n\n**undo**: reverse a remediation that hit a clean item.\n\n**cancel** (or **start over**): stop whatever is running.\n\n**record**: the thread\'s record of who reported, adjusted or undid what, posted again at the bottom (in a 1:1 chat, your own recent entries).\n\nOr paste what you see (an alert, a URL, a file name or hash), or pick **Report false positive/negative** from the **More actions** menu of a message, and I suggest where to go.\n\nType a command or pick one below; in a channel or group chat, mention me first.',
  },
  cancelled: {
    title: 'Ready when you are',
    intro: 'Nothing is running now. Pick what you need next.',
  },
};

/** The three ways in, shared by every menu and offered to anyone in the conversation. */
const WAYS_IN: readonly Button[] = [
  commandButton('Report something', 'report'),
  commandButton('Adjust an alert', 'adjust'),
  commandButton('Undo a remediation', 'undo'),
];

export function menuCardData(kind: MenuKind, stopped: string | undefined) {
  const text = MENU_TEXT[kind];
  return {
    title: stopped ? 'Stopped' : text.title,
    intro: text.intro,
    ...(stopped ? { stopped: `Cancelled ${stopped}.` } : {}),
    buttons: WAYS_IN,
  };
}
