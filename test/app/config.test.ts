/**
 * The settings of fairness and operation read from the environment: their defaults, and a bad
 * value refused with a message naming the variable.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration of fairness and operation', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      storeReplicas: 2, pageReplicas: 1, storeMemoryMb: 2048, queryTimeoutMs: 30_000, queryBudgetMs: 60_000, queryBudgetWindowMs: 60_000,
      queryQueueWaitMs: 20_000, queryQueueLength: 100, trustProxy: undefined, logLevel: 'info', shutdownGraceMs: 10_000,
    });
  });

  it('reads a trusted proxy as addresses, subnets and names, or as a number of hops', () => {
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,192.0.2.1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '192.0.2.1']);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBeUndefined();
  });

  it.each([
    ['TRUST_PROXY', 'my-proxy', /^TRUST_PROXY takes proxy addresses, subnets/],
    ['LOG_LEVEL', 'loud', /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "loud"$/],
    ['STORE_MEMORY_MB', '8000', /^STORE_MEMORY_MB must be an integer between 64 and 4096, not "8000"$/],
    ['PAGE_REPLICAS', '0', /^PAGE_REPLICAS must be a positive integer, not "0"$/],
    ['QUERY_BUDGET_MS', '1.5', /^QUERY_BUDGET_MS must be a positive integer/],
    ['SHUTDOWN_GRACE_MS', '-1', /^SHUTDOWN_GRACE_MS must be an integer between 0 and 600000/],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
