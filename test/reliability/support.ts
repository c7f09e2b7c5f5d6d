/**
 * Shared helpers of the reliability tests: bigger demo spaces, the 30 % fault mix, and readers of
 * the emulator's state and request log.
 */
import type { EmulatedSpace, FaultInjector, LoggedRequest } from '../../src/emulator/index.js';

const link = (linkType: string, id: string) => ({ sys: { type: 'Link', linkType, id } });

/** Adds `count` draft products (valid for publishing: name in the default locale, unique sku). */
export function addDraftProducts(space: EmulatedSpace, count: number, prefix = 'bulk'): string[] {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
        const id = `${prefix}-${String(index).padStart(4, '0')}`;
        space.addEntry({
            sys: { id, contentType: link('ContentType', 'product') },
            fields: {
                name: { 'en-US': `Product ${index}`, ...(index % 3 === 0 ? { fr: `Produit ${index}` } : {}) },
                price: { 'en-US': index },
                sku: { 'en-US': `${prefix.toUpperCase()}-${index}` }
            }
        } as never);
        ids.push(id);
    }
    return ids;
}

/** Adds `count` object-level pages in groups of up to three locales. */
export function addPages(space: EmulatedSpace, count: number): string[] {
    const locales = ['en-US', 'fr', 'de'];
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
        const locale = locales[index % 3]!;
        const group = `group-${Math.floor(index / 3)}`;
        const id = `page-${String(index).padStart(4, '0')}`;
        space.addEntry({
            sys: { id, contentType: link('ContentType', 'page') },
            fields: {
                title: { 'en-US': `Page ${index}` },
                slug: { 'en-US': `page-${index}` },
                locale: { 'en-US': locale },
                translationKey: { 'en-US': group }
            }
        } as never);
        ids.push(id);
    }
    return ids;
}

/** Adds `count` assets whose file is already processed in the default locale. */
export function addAssets(space: EmulatedSpace, count: number): string[] {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
        const id = `asset-${String(index).padStart(4, '0')}`;
        space.addAsset({
            sys: { id },
            fields: {
                title: { 'en-US': `Asset ${index}` },
                file: { 'en-US': { url: `//images.example/${id}.png`, fileName: `${id}.png`, contentType: 'image/png', details: { size: 10 } } }
            }
        } as never);
        ids.push(id);
    }
    return ids;
}

/**
 * Makes about 30 % of the requests that match `path` fail: 429 (with `X-Contentful-RateLimit-Reset`),
 * 500, 503, a dropped connection before the request is handled, and one after it was handled (the
 * write happened, the answer is lost). A few more are only slow.
 */
export function addFaultMix(faults: FaultInjector, path?: RegExp): void {
    const match = path ? { path } : undefined;
    // 1 - (0.91 · 0.93 · 0.93 · 0.94 · 0.95) ≈ 0.30
    faults.add({ match, rate: 0.09, kind: '429', resetSeconds: 0 });
    faults.add({ match, rate: 0.07, kind: '500' });
    faults.add({ match, rate: 0.07, kind: '503' });
    faults.add({ match, rate: 0.06, kind: 'reset' });
    faults.add({ match, rate: 0.05, kind: 'reset', phase: 'after' });
    faults.add({ match, rate: 0.1, kind: 'latency', latencyMs: 3 });
}

/** Requests that failed because of an injected fault (latency does not fail a request). */
export function failedByFault(log: readonly LoggedRequest[]): LoggedRequest[] {
    return log.filter((request) => request.fault !== undefined && request.fault !== 'latency');
}

/** A one-line summary of the faults in a log: `{ '429': 3, '500': 2, … }`. */
export function faultCounts(log: readonly LoggedRequest[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const request of log) {
        if (request.fault) counts[request.fault] = (counts[request.fault] ?? 0) + 1;
    }
    return counts;
}

/** Short retries, as the brief asks: a test never sleeps for real seconds. */
export const FAST_RETRIES = { retryLimit: 6, retryBaseDelayMs: 2, retryMaxDelayMs: 10 };
