/**
 * Who may run a query now, and on what terms: the endpoint's share of the store between clients.
 *
 * - A budget of store time per client (client-budget.ts): past it, 429 with Retry-After.
 * - A few queries in flight per client: past them, 429 (the client's other queries wait their
 *   turn in its own line of the fair queue; a batch job cannot fill the queue alone).
 * - Then the query waits in the store's fair queue (the endpoint lane) for at most `queueWaitMs`,
 *   behind at most `queueLength` others; it is stopped when its client goes away, and what it
 *   cost (its run, and the reload of its replica if it had to be stopped) is charged when it ends.
 */
import { ClientBudget, type BudgetSettings } from '../../http/client-budget.js';
import { ConcurrencyLimit } from '../../http/client-limit.js';
import type { QueryOptions, QueryUsage } from '../../store/store.js';

export interface AdmissionPolicy {
  readonly budget: BudgetSettings;
  readonly maxConcurrentPerClient: number;
  /** Longest wait for a replica, in milliseconds. */
  readonly queueWaitMs: number;
  /** Queries that may wait at once; more are refused. */
  readonly queueLength: number;
}

/** Why a query was refused before it ran: the answer's status, text and headers, and a reason for the metrics. */
export interface Refusal {
  readonly status: number;
  readonly text: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly reason: 'budget' | 'concurrency';
}

/** An admitted query: the store's options for it, and its slot to give back when it is answered. */
export interface Admitted {
  readonly options: Pick<QueryOptions, 'client' | 'lane' | 'maxWaitMs' | 'maxQueued' | 'signal' | 'onSettled'>;
  release(): void;
}

const seconds = (ms: number) => (ms / 1000).toLocaleString('en-GB', { maximumFractionDigits: 1 });

export class Admission {
  private readonly budget: ClientBudget;
  private readonly inFlight: ConcurrencyLimit;

  constructor(readonly policy: AdmissionPolicy) {
    this.budget = new ClientBudget(policy.budget);
    this.inFlight = new ConcurrencyLimit(policy.maxConcurrentPerClient);
  }

  /**
   * Admits a client's query, or refuses it. `charged` is false for the federation engine's own
   * requests, which run on behalf of a query already admitted: they are charged, never refused.
   */
  admit(client: string, signal: AbortSignal, onSettled: (usage: QueryUsage) => void, charged = true): Admitted | Refusal {
    if (charged) {
      const retryAfter = this.budget.retryAfterSeconds(client);
      if (retryAfter !== undefined) {
        const { budgetMs, windowMs } = this.policy.budget;
        return {
          status: 429, reason: 'budget', headers: { 'Retry-After': String(retryAfter) },
          text: `Your address has used its share of this endpoint's time: ${seconds(budgetMs)} s of queries, given back at ${seconds(budgetMs)} s every ${seconds(windowMs)} s. ` +
            `Try again in ${retryAfter} s; meanwhile, cheaper queries (a LIMIT, fewer unbound patterns) use less of it.`,
        };
      }
      if (!this.inFlight.acquire(client)) {
        return {
          status: 429, reason: 'concurrency', headers: { 'Retry-After': '1' },
          text: `Too many queries at once from your address: this endpoint runs up to ${this.policy.maxConcurrentPerClient} queries per client at a time.`,
        };
      }
    }
    let released = !charged;
    return {
      options: {
        client, lane: 'endpoint', signal, maxWaitMs: this.policy.queueWaitMs, maxQueued: this.policy.queueLength,
        onSettled: (usage) => {
          this.budget.charge(client, usage.runMs + usage.restartMs);
          onSettled(usage);
        },
      },
      release: () => {
        if (released) return;
        released = true;
        this.inFlight.release(client);
      },
    };
  }
}

export function isRefusal(value: Admitted | Refusal): value is Refusal {
  return 'status' in value;
}
