// An outside-service double for Intuit's token endpoint, on loopback, speaking its wire format
// (fixtures oauth_token_response_body.json and oauth_error_invalid_grant_body.json). Used only until
// and besides the project's emulator, for the token-manager unit tests.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TokenServer = {
  url: string;
  refreshes: number;
  revoked: boolean;
  valid: Set<string>;
  close(): Promise<void>;
};

export async function startTokenServer(): Promise<TokenServer> {
  let n = 0;
  const state = { refreshes: 0, revoked: false, valid: new Set<string>(['rt-0']) };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const reply = (status: number, json: unknown) => {
        res
          .writeHead(status, {
            'content-type': 'application/json;charset=UTF-8',
            intuit_tid: `tid-${n}`,
          })
          .end(JSON.stringify(json));
      };
      if (form.get('grant_type') !== 'refresh_token')
        return reply(400, { error: 'unsupported_grant_type' });
      state.refreshes++;
      const rt = form.get('refresh_token') ?? '';
      if (state.revoked || !state.valid.has(rt))
        return reply(400, { error_description: 'Token invalid', error: 'invalid_grant' });
      n++;
      state.valid.add(`rt-${n}`);
      // A slow answer, so concurrent callers really overlap.
      setTimeout(
        () =>
          reply(200, {
            expires_in: 3600,
            token_type: 'bearer',
            x_refresh_token_expires_in: 8726400,
            refresh_token: `rt-${n}`,
            access_token: `at-${n}`,
          }),
        30,
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
  return Object.assign(state, {
    url,
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}
