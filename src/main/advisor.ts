// One installation serves one advisor. The id is part of every mirror key so that a future shared
// database (several advisors of a firm) needs no migration of keys.
export const defaultAdvisorId = 'local';

export function advisorIdFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.ROWCOL_ADVISOR_ID?.trim() || defaultAdvisorId;
}
