/**
 * Loads every item of a collection with the largest page size and several pages in flight.
 *
 * The first page tells the total; the rest is split into ranges fetched concurrently. Items are
 * handed to `onItems` page by page, so the caller converts and drops raw JSON as it goes instead of
 * holding the whole space twice. A "Response size too big" answer halves the page size and the
 * smaller size is kept for every later request (the official source resets it and pays twice).
 */
import pLimit from 'p-limit';
import type { Collection } from './types.js';

export type PageQuery = Record<string, string | number | boolean>;

/** The order every load pages in: stable, so concurrent pages neither overlap nor miss items. */
export const STABLE_ORDER = 'sys.createdAt,sys.id';

export interface LoadAllOptions<T> {
    /** Fetches one page for the given query (skip/limit/order already set). */
    fetchPage: (query: PageQuery) => Promise<Collection<T>>;
    /** Receives each page's items as soon as they arrive (pages may arrive out of order). */
    onItems: (items: T[]) => void;
    /** Extra query parameters (filters, `select`). */
    query?: PageQuery;
    pageSize: number;
    concurrency: number;
    /** A stable order, so concurrent pages neither overlap nor miss items. */
    order?: string;
    /** The first page (skip 0, limit `pageSize`, same order), already requested by the caller. */
    firstPage?: Promise<Collection<T>>;
}

export interface LoadAllResult {
    /** The total Contentful reported on the first page. */
    total: number;
    /** Requests made, including the halved retries. */
    requests: number;
    /** The page size in use at the end (smaller than asked after a "too big" answer). */
    pageSize: number;
}

export function isResponseTooBig(error: unknown): boolean {
    const message = (error as { message?: unknown } | undefined)?.message;
    return typeof message === 'string' && message.includes('Response size too big');
}

/** Loads every page. Throws the first error that is not a "too big" answer. */
export async function loadAll<T>(options: LoadAllOptions<T>): Promise<LoadAllResult> {
    const order = options.order ?? STABLE_ORDER;
    let pageSize = Math.max(1, Math.min(1000, options.pageSize));
    let requests = 0;

    const fetchWindow = async (skip: number, limit: number): Promise<Collection<T>> => {
        for (;;) {
            const size = Math.min(limit, pageSize);
            try {
                requests++;
                return await options.fetchPage({ ...options.query, order, skip, limit: size });
            } catch (error) {
                if (!isResponseTooBig(error) || size === 1) {
                    throw error;
                }
                pageSize = Math.max(1, Math.floor(size / 2));
            }
        }
    };

    /** The caller's first page; a "too big" answer falls back to halving as usual. */
    const prefetched = async (page: Promise<Collection<T>>): Promise<Collection<T>> => {
        requests++;
        try {
            return await page;
        } catch (error) {
            if (!isResponseTooBig(error) || pageSize === 1) throw error;
            pageSize = Math.max(1, Math.floor(pageSize / 2));
            return fetchWindow(0, pageSize);
        }
    };

    /** Fetches [start, end) in chunks of the current page size. */
    const fetchRange = async (start: number, end: number): Promise<void> => {
        let skip = start;
        while (skip < end) {
            const page = await fetchWindow(skip, end - skip);
            options.onItems(page.items);
            if (page.items.length === 0) {
                return;
            }
            skip += page.items.length;
        }
    };

    const first = options.firstPage ? await prefetched(options.firstPage) : await fetchWindow(0, pageSize);
    options.onItems(first.items);
    const total = first.total;
    const rangeSize = pageSize;
    const limit = pLimit(Math.max(1, options.concurrency));
    const ranges: Promise<void>[] = [];
    for (let start = first.items.length; start < total; start += rangeSize) {
        const end = Math.min(total, start + rangeSize);
        ranges.push(limit(() => fetchRange(start, end)));
    }
    await Promise.all(ranges);
    return { total, requests, pageSize };
}
