/**
 * A budget of store time per client, as Wikidata's query service gives one: each client may use
 * `budgetMs` of query time, given back at `budgetMs` per `windowMs` (a leaky bucket). A client
 * past its budget is refused with 429 and told when it may come back (Retry-After), while
 * everybody else goes on. What a query costs is charged when it ends: the time it ran, and, when
 * it had to be stopped, the time its replica takes to load again.
 */
export interface BudgetSettings {
  /** Store time a client may use at once, in milliseconds. */
  readonly budgetMs: number;
  /** The time over which a whole budget is given back, in milliseconds. */
  readonly windowMs: number;
}

interface Account {
  usedMs: number;
  at: number;
}

/** How often forgotten accounts (budgets back in full) are swept away. */
const SWEEP_EVERY = 1000;

export class ClientBudget {
  private readonly accounts = new Map<string, Account>();
  private readonly ratePerMs: number;
  private operations = 0;

  constructor(readonly settings: BudgetSettings, private readonly now: () => number = () => performance.now()) {
    this.ratePerMs = settings.budgetMs / settings.windowMs;
  }

  /** Store time the client has used and not yet been given back, in milliseconds. */
  usedMs(client: string): number {
    const account = this.accounts.get(client);
    if (!account) return 0;
    return Math.max(0, account.usedMs - (this.now() - account.at) * this.ratePerMs);
  }

  /** Undefined when the client may run a query; else the seconds until it may (for Retry-After). */
  retryAfterSeconds(client: string): number | undefined {
    const used = this.usedMs(client);
    if (used < this.settings.budgetMs) return undefined;
    return Math.max(1, Math.ceil((used - this.settings.budgetMs) / this.ratePerMs / 1000) + 1);
  }

  charge(client: string, ms: number): void {
    if (!(ms > 0)) return;
    this.accounts.set(client, { usedMs: this.usedMs(client) + ms, at: this.now() });
    if (++this.operations % SWEEP_EVERY === 0) this.sweep();
  }

  /** Clients with some of their budget in use: for the metrics. */
  get clients(): number {
    return this.accounts.size;
  }

  private sweep(): void {
    for (const [client] of this.accounts) if (this.usedMs(client) === 0) this.accounts.delete(client);
  }
}
