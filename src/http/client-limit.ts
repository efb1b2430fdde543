/**
 * A cap on the requests one client has in flight: one researcher's batch job cannot take every
 * store replica from everybody else.
 */
export class ConcurrencyLimit {
  private readonly inFlight = new Map<string, number>();

  constructor(readonly perClient: number) {}

  /** Takes a slot for the client; false when it already has `perClient` requests running. */
  acquire(client: string): boolean {
    const current = this.inFlight.get(client) ?? 0;
    if (current >= this.perClient) return false;
    this.inFlight.set(client, current + 1);
    return true;
  }

  release(client: string): void {
    const current = this.inFlight.get(client) ?? 0;
    if (current <= 1) this.inFlight.delete(client);
    else this.inFlight.set(client, current - 1);
  }
}
