import { ClaimsIdentity, ConnectorClient, ConnectorFactory } from 'botframework-connector';
import { CachingConnectorFactory, clientAppId, ClientCache } from '../../src/bot/delivery/clientCache';

/** Clients shared across turns: one per app id and service URL, a failure not kept, the cache bounded. */

class CountingFactory extends ConnectorFactory {
  made: string[] = [];
  failNext = false;

  async create(serviceUrl: string): Promise<ConnectorClient> {
    this.made.push(serviceUrl);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('token endpoint unreachable');
    }
    return new ConnectorClient({ getToken: async () => '' } as never, { baseUri: serviceUrl });
  }
}

const TEAMS_EMEA = 'https://smba.trafficmanager.net/emea/';
const TEAMS_AMER = 'https://smba.trafficmanager.net/amer/';

test('turns of one app id and service URL share one client; another service URL or app id gets its own', async () => {
  const inner = new CountingFactory();
  const cache = new ClientCache<ConnectorClient>();
  const first = await new CachingConnectorFactory(inner, cache, 'app-1').create(TEAMS_EMEA);
  const again = await new CachingConnectorFactory(inner, cache, 'app-1').create(TEAMS_EMEA);
  const elsewhere = await new CachingConnectorFactory(inner, cache, 'app-1').create(TEAMS_AMER);
  const otherApp = await new CachingConnectorFactory(inner, cache, 'app-2').create(TEAMS_EMEA);

  expect(again).toBe(first);
  expect(elsewhere).not.toBe(first);
  expect(otherApp).not.toBe(first);
  expect(inner.made).toEqual([TEAMS_EMEA, TEAMS_AMER, TEAMS_EMEA]);
});

test('a client that could not be made is made again on the next turn', async () => {
  const inner = new CountingFactory();
  const factory = new CachingConnectorFactory(inner, new ClientCache<ConnectorClient>(), 'app-1');
  inner.failNext = true;
  await expect(factory.create(TEAMS_EMEA)).rejects.toThrow('token endpoint unreachable');
  await expect(factory.create(TEAMS_EMEA)).resolves.toBeInstanceOf(ConnectorClient);
  expect(inner.made).toHaveLength(2);
});

test('past its bound the cache drops the client used longest ago', async () => {
  const cache = new ClientCache<string>(2);
  const made: string[] = [];
  const get = (key: string) => cache.get(key, async () => (made.push(key), key));
  await get('a');
  await get('b');
  await get('a');
  await get('c');
  await get('a');
  await get('b');
  expect(made).toEqual(['a', 'b', 'c', 'b']);
});

test('the app id is the one the SDK builds clients for: the audience, else the appid claim, else none', () => {
  expect(clientAppId(new ClaimsIdentity([{ type: 'aud', value: 'bot-app' }, { type: 'appid', value: 'caller' }]))).toBe('bot-app');
  expect(clientAppId(new ClaimsIdentity([{ type: 'appid', value: 'emulator-bot' }]))).toBe('emulator-bot');
  expect(clientAppId(new ClaimsIdentity([]))).toBe('');
});
