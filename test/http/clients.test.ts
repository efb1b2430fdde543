/**
 * Who a client is and what it may spend: its address (an IPv6 client by its /64), read from
 * X-Forwarded-For only when the operator trusts the proxy that wrote it; and its budget of store
 * time, given back at the budget's rate.
 */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ClientBudget } from '../../src/http/client-budget.js';
import { clientIdentity, clientKey } from '../../src/http/client-identity.js';

function request(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress }, connection: { remoteAddress }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} } as unknown as IncomingMessage;
}

describe('client identity', () => {
  it('names IPv4 clients by their address and IPv6 clients by their /64 network', () => {
    expect(clientKey('192.0.2.7')).toBe('192.0.2.7');
    expect(clientKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(clientKey('2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(clientKey('2001:0db8:00aa:00bb::9')).toBe('2001:db8:aa:bb::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('::1');
  });

  it('ignores X-Forwarded-For unless the proxy that sent it is trusted', () => {
    const untrusting = clientIdentity(undefined);
    expect(untrusting(request('127.0.0.1', '203.0.113.9'))).toBe('127.0.0.1');
    const behindLoopback = clientIdentity(['loopback']);
    expect(behindLoopback(request('127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    // A client that writes the header itself, not through the proxy, is still itself.
    expect(behindLoopback(request('198.51.100.4', '203.0.113.9'))).toBe('198.51.100.4');
    // Through the trusted proxy, a forged address before the real one is not believed.
    expect(behindLoopback(request('127.0.0.1', '10.9.9.9, 203.0.113.9'))).toBe('203.0.113.9');
    expect(clientIdentity(1)(request('10.0.0.2', '203.0.113.9, 198.51.100.1'))).toBe('198.51.100.1');
    expect(clientIdentity(['10.0.0.0/8'])(request('10.0.0.2', '2001:db8:1:2::5'))).toBe('2001:db8:1:2::/64');
  });
});

describe('client budget', () => {
  it('refuses a client past its budget, says when to come back, and gives the time back at its rate', () => {
    let now = 0;
    const budget = new ClientBudget({ budgetMs: 60_000, windowMs: 60_000 }, () => now);
    expect(budget.retryAfterSeconds('a')).toBeUndefined();
    budget.charge('a', 45_000);
    expect(budget.retryAfterSeconds('a')).toBeUndefined();
    budget.charge('a', 20_000);
    expect(budget.usedMs('a')).toBe(65_000);
    expect(budget.retryAfterSeconds('a')).toBe(6);
    expect(budget.retryAfterSeconds('b')).toBeUndefined();
    now = 6_000;
    expect(budget.retryAfterSeconds('a')).toBeUndefined();
    now = 70_000;
    expect(budget.usedMs('a')).toBe(0);
  });

  it('gives back at the budget\'s own rate: 6 s per minute is 0.1 s per second', () => {
    let now = 0;
    const budget = new ClientBudget({ budgetMs: 6_000, windowMs: 60_000 }, () => now);
    budget.charge('a', 7_000);
    expect(budget.retryAfterSeconds('a')).toBe(11);
    now = 10_000;
    expect(budget.usedMs('a')).toBeCloseTo(6_000);
  });
});
