/**
 * Fault injection for reliability tests: 429s, 5xx, dropped connections and latency, decided by a
 * seeded PRNG so a run with the same seed and the same requests injects the same faults.
 */
import { seededRandom, type Random } from './random.js';

/** What a fault does. */
export type FaultKind = '429' | '500' | '503' | 'reset' | 'latency';

/** One fault rule. */
export interface FaultRule {
    /** Which requests it applies to (all when omitted). `path` is tested against the request path. */
    match?: { method?: string; path?: RegExp | string };
    /** Probability per matching request, 0..1. */
    rate: number;
    kind: FaultKind;
    /** For `latency`: the delay. Default 1000 ms. */
    latencyMs?: number;
    /** For `429`: the `X-Contentful-RateLimit-Reset` value. Default 0. */
    resetSeconds?: number;
    /** Inject at most this many times. */
    times?: number;
    /**
     * `before` (default): the request is not processed. `after`: it is processed (a write takes
     * effect) and the answer is then replaced by the fault — the ambiguous failure clients must survive.
     */
    phase?: 'before' | 'after';
}

/** A fault chosen for one request. */
export interface InjectedFault {
    kind: FaultKind;
    latencyMs: number;
    resetSeconds: number;
    phase: 'before' | 'after';
}

interface ActiveRule extends FaultRule {
    injected: number;
}

/** Seeded fault dice. */
export class FaultInjector {
    private rules: ActiveRule[] = [];
    private readonly random: Random;
    private counts: Record<FaultKind, number> = { '429': 0, '500': 0, '503': 0, reset: 0, latency: 0 };

    constructor(seed = 1) {
        this.random = seededRandom(seed);
    }

    /** Adds a rule; rules are tried in the order they were added, the first that fires wins. */
    add(rule: FaultRule): void {
        if (!(rule.rate >= 0 && rule.rate <= 1)) {
            throw new Error(`FaultInjector.add: rate must be between 0 and 1 (got ${rule.rate})`);
        }
        this.rules.push({ ...rule, injected: 0 });
    }

    /** Removes every rule (counts are kept). */
    clear(): void {
        this.rules = [];
    }

    /** How many faults of each kind were injected. */
    injectedCount(): Record<FaultKind, number> {
        return { ...this.counts };
    }

    /** @internal Rolls the dice for one request; counts what it injects. */
    pick(method: string, path: string, phase: 'before' | 'after'): InjectedFault | undefined {
        for (const rule of this.rules) {
            if ((rule.phase ?? 'before') !== phase || !this.applies(rule, method, path)) {
                continue;
            }
            if (rule.times !== undefined && rule.injected >= rule.times) {
                continue;
            }
            if (this.random() >= rule.rate) {
                continue;
            }
            rule.injected += 1;
            this.counts[rule.kind] += 1;
            return { kind: rule.kind, latencyMs: rule.latencyMs ?? 1000, resetSeconds: rule.resetSeconds ?? 0, phase };
        }
        return undefined;
    }

    private applies(rule: FaultRule, method: string, path: string): boolean {
        const match = rule.match;
        if (match?.method && match.method.toUpperCase() !== method) {
            return false;
        }
        if (match?.path !== undefined) {
            return typeof match.path === 'string' ? path.includes(match.path) : match.path.test(path);
        }
        return true;
    }
}
