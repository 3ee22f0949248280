// A request the API cannot take (its status and one line), and the zod check that makes one.
import { issuesLine } from './schemas.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The value checked by its schema, or a 400 naming what is wrong. */
export function parse<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, 'invalid', issuesLine(r.error.issues));
  return r.data;
}
