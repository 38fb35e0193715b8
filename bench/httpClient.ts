import http from 'node:http';

/** Posts activities to a bot the way the channel does: JSON over kept-alive connections. */

export interface HttpAnswer {
  readonly status: number;
  /** The parsed JSON body, or undefined for an empty one. */
  readonly body: unknown;
}

export class ActivityPoster {
  // One pool per bot: no socket outlives the process it was connected to.
  private readonly agent = new http.Agent({ keepAlive: true });

  constructor(private readonly botUrl: string) {}

  post(activity: object): Promise<HttpAnswer> {
    const payload = JSON.stringify(activity);
    return new Promise((resolve, reject) => {
      const request = http.request(
        `${this.botUrl}/api/messages`,
        { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: response.statusCode ?? 0, body: text === '' ? undefined : JSON.parse(text) });
            } catch (error) {
              reject(new Error(`HTTP ${response.statusCode} with a body that is not JSON: ${text.slice(0, 200)} (${error})`));
            }
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
