import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The real QBO payloads live in shared/qbo-fixtures beside the project checkout.
const dir =
  process.env.ROWCOL_FIXTURES_DIR ??
  fileURLToPath(new URL('../../../shared/qbo-fixtures/', import.meta.url));

export const fixturePath = (name: string): string => `${dir.replace(/\/?$/, '/')}${name}`;
export const fixtureText = (name: string): string => readFileSync(fixturePath(name), 'utf8');
export const fixture = <T = unknown>(name: string): T => JSON.parse(fixtureText(name)) as T;
