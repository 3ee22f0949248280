// TLS where the hub's API leaves loopback: it refuses to listen beyond loopback without a certificate;
// with one it speaks HTTPS, and the real CLI signs in over it when the certificate's authority is trusted
// (NODE_EXTRA_CA_CERTS), refusing in one line when it is not.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubApiFromOptions } from '../../src/main/cli/commands/hub-api.ts';
import type { CliIo } from '../../src/main/cli/io.ts';
import { startHubApi, type HubApi } from '../../src/main/hub/api/index.ts';
import { addAdvisor } from '../../src/main/hub/auth/accounts.ts';
import { hubTestDrivers } from '../support/postgres.ts';
import { runRowcol } from '../support/rowcol-process.ts';
import { tempDir } from '../support/temp.ts';

const [pglite] = hubTestDrivers();
let api: HubApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const noOpenssl = spawnSync('openssl', ['version']).status !== 0;
if (noOpenssl)
  console.warn('skipping the HTTPS sign-in test: openssl is not installed to make a certificate');

const io: CliIo = { out: () => {}, err: () => {}, isTTY: false, env: {} };

function selfSigned(): { cert: string; key: string } {
  const dir = tempDir();
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

describe('the hub API beyond loopback', () => {
  it('refuses to listen on another address without TLS, and half a certificate', async () => {
    const { db } = await pglite!.migrated();
    await expect(startHubApi({ db, host: '0.0.0.0' })).rejects.toThrow(
      /would listen on 0\.0\.0\.0 without TLS/,
    );
    await expect(startHubApiFromOptions(db, { tlsCert: 'cert.pem' }, io)).rejects.toThrow(
      'Give both --tls-cert and --tls-key, or neither.',
    );
    await expect(
      startHubApiFromOptions(
        db,
        { tlsCert: '/nonexistent/cert.pem', tlsKey: '/nonexistent/key.pem', port: '0' },
        io,
      ),
    ).rejects.toThrow('--tls-cert /nonexistent/cert.pem cannot be read (ENOENT).');
  });

  it.skipIf(noOpenssl)(
    'speaks HTTPS with a certificate; the CLI signs in when it trusts it, and says why not when it does not',
    { timeout: 60_000 },
    async () => {
      const { db } = await pglite!.migrated();
      const { cert, key } = selfSigned();
      api = await startHubApiFromOptions(db, { tlsCert: cert, tlsKey: key, port: '0' }, io);
      expect(api.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const { code } = await addAdvisor(db, { email: 'gia@firm.test', role: 'advisor' });
      const env = {
        PATH: process.env.PATH,
        ROWCOL_KEYCHAIN: 'off',
        ROWCOL_TOKEN_KEY: randomBytes(32).toString('base64'),
      };
      const untrusted = await runRowcol(
        ['--data-dir', tempDir(), 'connect', '--hub', api.url, '--code', code],
        env,
      );
      expect(untrusted.code).toBe(1);
      expect(untrusted.stderr.trim().split('\n')).toHaveLength(1);
      expect(untrusted.stderr).toMatch(/did not prove who it is .*NODE_EXTRA_CA_CERTS/);
      const trusted = await runRowcol(
        ['--data-dir', tempDir(), 'connect', '--hub', api.url, '--code', code],
        {
          ...env,
          NODE_EXTRA_CA_CERTS: cert,
        },
      );
      expect(trusted).toMatchObject({ code: 0, stderr: '' });
      expect(trusted.stdout).toMatch(
        /^Signed in to the firm hub https:\/\/127\.0\.0\.1:\d+ as gia@firm\.test \(advisor\); 0 client\(s\)\./,
      );
    },
  );
});
