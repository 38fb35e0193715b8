import { AuthenticationConstants, ClaimsIdentity, ConnectorClient, ConnectorFactory } from 'botframework-connector';

/**
 * Connector and user-token clients kept across turns. The SDK builds both anew for every turn,
 * which (an HTTP pipeline with its policies and header sanitiser each time) took about a fifth of
 * a turn's CPU and much of its garbage in `npm run bench`'s profile. A client holds no per-turn
 * state and its credentials fetch and renew their own tokens, so turns of one app id can share it.
 */

/** Teams answers from a handful of service URLs; in anonymous local mode a request can name any. */
const MAX_CLIENTS = 32;

/** The app id the SDK builds a turn's clients for: the token's audience, or its appid claim (the emulator's). */
export function clientAppId(identity: ClaimsIdentity): string {
  return identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

/** Clients by key; past the bound the least recently used is dropped, and a failed creation is not kept. */
export class ClientCache<T> {
  private readonly clients = new Map<string, Promise<T>>();

  constructor(private readonly capacity = MAX_CLIENTS) {}

  get(key: string, create: () => Promise<T>): Promise<T> {
    const kept = this.clients.get(key);
    if (kept) {
      // Moved to the end: Map keeps insertion order, so the first key is the least recently used.
      this.clients.delete(key);
      this.clients.set(key, kept);
      return kept;
    }
    const created = create();
    this.clients.set(key, created);
    created.catch(() => {
      if (this.clients.get(key) === created) this.clients.delete(key);
    });
    if (this.clients.size > this.capacity) this.clients.delete(this.clients.keys().next().value!);
    return created;
  }
}

/** A turn's connector factory whose clients come from the cache: one per app id, service URL and audience. */
export class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly cache: ClientCache<ConnectorClient>,
    private readonly appId: string,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.cache.get(JSON.stringify([this.appId, serviceUrl, audience ?? null]), () => this.inner.create(serviceUrl, audience));
  }
}
