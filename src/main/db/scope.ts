/** One client of one advisor: every per-client table's key starts with these two columns. */
export type Scope = { advisorId: string; businessId: string };
