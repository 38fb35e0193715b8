/** DIRECT_ACTIONS: `off` shows no action buttons; `dry-run` does everything but the call; `on` makes it. */
export const DIRECT_ACTION_MODES = ['off', 'dry-run', 'on'] as const;
export type DirectActionMode = (typeof DIRECT_ACTION_MODES)[number];
