import { ConfigError, loadConfig } from '../src/config';

/** DIRECT_ACTIONS: off unless a tenant turns it on; a wrong value stops the bot with one line naming it. */

describe('DIRECT_ACTIONS', () => {
  it.each<[Record<string, string>, string]>([
    [{}, 'off'],
    [{ DIRECT_ACTIONS: '' }, 'off'],
    [{ DIRECT_ACTIONS: 'off' }, 'off'],
    [{ DIRECT_ACTIONS: 'Dry-Run' }, 'dry-run'],
  ])('%j -> %s', (env, mode) => {
    expect(loadConfig(env).directActions).toBe(mode);
  });

  it.each<[string, RegExp]>([
    ['on', /^DIRECT_ACTIONS: on is not available in this version/],
    ['yes', /^DIRECT_ACTIONS: must be one of off, dry-run, on, got "yes"$/],
  ])('%s is refused at start, naming the variable', (value, message) => {
    const load = () => loadConfig({ DIRECT_ACTIONS: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });
});
