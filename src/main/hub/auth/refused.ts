// A request the hub refuses for who is asking: 401 (no valid token) or 403 (not theirs to see or do).
// The API turns it into its status and one JSON line; nothing else of it reaches the person.
export class Refused extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
    this.name = 'Refused';
  }
}
