// Who holds a lease: host, process and a random part, so a restarted process on the same pid is another owner.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export const newOwner = (label = 'hub'): string =>
  `${label}@${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
