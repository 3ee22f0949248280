// The hub's API options for `rowcol hub` (src/main/cli/commands/hub.ts adds them and starts the API):
// where it listens (127.0.0.1:8787 by default) and, for any other address, its TLS certificate and key.
// Behind a reverse proxy that terminates TLS, keep the default address (docs/firm.md).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { HubApi } from '../../hub/api/index.ts';
import type { HubDb } from '../../hub/db/hub-db.ts';
import { CliFailure, type CliIo } from '../io.ts';

export const defaultHubApiPort = 8787;

export type HubApiOptions = { host?: string; port?: string; tlsCert?: string; tlsKey?: string };

export function addHubApiOptions(hub: Command): Command {
  return hub
    .option('--host <address>', "the API's address for the firm's desktops (default 127.0.0.1)")
    .option('--port <n>', `the API's port (default ${defaultHubApiPort})`)
    .option('--tls-cert <file>', 'PEM certificate: the API speaks HTTPS (needed beyond loopback)')
    .option('--tls-key <file>', 'PEM private key of --tls-cert');
}

function pem(file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CliFailure(
      `${flag} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      2,
    );
  }
}

/** Starts the API on the hub's database; the caller closes it when the hub stops. */
export async function startHubApiFromOptions(
  db: HubDb,
  o: HubApiOptions,
  io: CliIo,
): Promise<HubApi> {
  if (Boolean(o.tlsCert) !== Boolean(o.tlsKey))
    throw new CliFailure('Give both --tls-cert and --tls-key, or neither.', 2);
  let port = defaultHubApiPort;
  if (o.port !== undefined) {
    if (!/^\d+$/.test(o.port) || Number(o.port) > 65535)
      throw new CliFailure(`--port must be a whole number from 0 to 65535, not "${o.port}".`, 2);
    port = Number(o.port);
  }
  const { startHubApi } = await import('../../hub/api/index.ts');
  const { CodedError } = await import('../../../core/result.ts');
  try {
    return await startHubApi({
      db,
      host: o.host,
      port,
      tls:
        o.tlsCert && o.tlsKey
          ? { cert: pem(o.tlsCert, '--tls-cert'), key: pem(o.tlsKey, '--tls-key') }
          : undefined,
      log: (line) => io.err(`${line}\n`),
    });
  } catch (error) {
    if (error instanceof CodedError) throw new CliFailure(error.message, 2);
    const e = error as NodeJS.ErrnoException;
    if (typeof e.code === 'string' && e.code.startsWith('ERR_OSSL'))
      throw new CliFailure(
        `--tls-cert and --tls-key must be a PEM certificate and its private key (${e.code}).`,
        2,
      );
    if (e.code === 'EADDRINUSE' || e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL')
      throw new CliFailure(
        `The hub's API cannot listen on ${o.host ?? '127.0.0.1'}:${port} (${e.code}).`,
      );
    throw error;
  }
}
