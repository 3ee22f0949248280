// A token endpoint that takes the connection and never answers must not hang a refresh (and with it
// every request of the client waiting on the single-flight refresh).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { IntuitOAuth } from '../../src/main/oauth/intuit.ts';
import { TimeoutError } from '../../src/main/qbo/errors.ts';

describe('token endpoint calls', () => {
  it('give up with a TimeoutError when the endpoint never answers', async () => {
    const server = createServer(() => {
      /* take the request, never answer */
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const endpoints = {
      apiBaseUrl: base,
      authorizeUrl: `${base}/authorize`,
      tokenUrl: `${base}/token`,
      revokeUrl: `${base}/revoke`,
      clientId: 'id',
      clientSecret: 'secret',
    };
    const oauth = new IntuitOAuth(endpoints, 'http://localhost:8000/callback', Date.now, 300);
    try {
      // Only the 300 ms timeout can end this wait (the server never answers): no clock reading needed.
      await expect(
        oauth.refresh({
          realmId: '1',
          accessToken: 'a',
          refreshToken: 'r',
          accessExpiresAt: 0,
          refreshExpiresAt: Date.now() + 60_000,
        }),
      ).rejects.toBeInstanceOf(TimeoutError);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
