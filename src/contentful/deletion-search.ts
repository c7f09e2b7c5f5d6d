/**
 * Finding which entities were deleted (or created unseen) without listing every id of the space.
 *
 * The watcher knows each entity's `sys.createdAt`; Contentful can count the entities created in a
 * time range (`sys.createdAt[gte]` / `[lt]`, `limit=1`: one small request). Ranges whose count matches
 * what the adapter holds are left alone; the others are halved (at the median known creation time)
 * until they hold at most one page, and only then are their ids listed. One deletion among 50,000
 * entries costs about log2(50) + 1 ≈ 7 requests instead of a 50-page id scan; when many ranges
 * differ the search stops splitting and lists, so it never costs much more than a full scan.
 */
import pLimit from 'p-limit';

/** A creation-time range: `from` ≤ createdAt < `to`; an open end is undefined. */
export interface CreationRange {
    from?: string;
    to?: string;
}

export interface KnownEntity {
    id: string;
    createdAt: string;
}

export interface DeletionSearchInput {
    /** What the adapter holds. */
    known: readonly KnownEntity[];
    /** How many entities the space has now (the count check's total). */
    remoteTotal: number;
    /** How many entities the space has in a range. */
    countRange(range: CreationRange): Promise<number>;
    /** Every id in a range (paged by the caller). */
    listRange(range: CreationRange): Promise<string[]>;
    /** Largest range listed without splitting (a page). */
    pageSize: number;
    concurrency: number;
}

export interface DeletionSearchResult {
    /** Known ids the space no longer has. */
    missing: string[];
    /** Ids the space has that the adapter does not know. */
    unknown: string[];
    /** Count and list requests made. */
    requests: number;
}

/** Query parameters of a creation-time range. */
export function creationRangeQuery(range: CreationRange): Record<string, string> {
    const query: Record<string, string> = {};
    if (range.from !== undefined) query['sys.createdAt[gte]'] = range.from;
    if (range.to !== undefined) query['sys.createdAt[lt]'] = range.to;
    return query;
}

/** Known entities sorted by creation time (then id), the order ranges are cut in. */
function sortedByCreation(known: readonly KnownEntity[]): KnownEntity[] {
    return [...known].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** First index in [lo, hi) whose createdAt is ≥ `value` (hi when none). */
function lowerBound(sorted: readonly KnownEntity[], lo: number, hi: number, value: string): number {
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid]!.createdAt < value) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/**
 * Compares the space with what the adapter holds, range by range. Equal counts in a range are
 * taken as "nothing deleted there": creations are brought in by the edit poll before this runs, so
 * a deletion and an unseen creation in the same range in the same interval is caught next time.
 */
export async function locateDifferences(input: DeletionSearchInput): Promise<DeletionSearchResult> {
    const sorted = sortedByCreation(input.known);
    const limit = pLimit(Math.max(1, input.concurrency));
    const result: DeletionSearchResult = { missing: [], unknown: [], requests: 0 };
    // Many differences are spread everywhere: splitting would cost more than listing.
    const fullScanPages = Math.ceil(Math.max(input.remoteTotal, sorted.length) / input.pageSize);
    const splitBudget = fullScanPages;
    let splits = 0;

    const list = async (lo: number, hi: number, range: CreationRange): Promise<void> => {
        const remoteIds = await limit(() => input.listRange(range));
        result.requests += Math.max(1, Math.ceil(remoteIds.length / input.pageSize));
        const remote = new Set(remoteIds);
        const knownHere = new Set<string>();
        for (let index = lo; index < hi; index += 1) {
            const id = sorted[index]!.id;
            knownHere.add(id);
            if (!remote.has(id)) result.missing.push(id);
        }
        for (const id of remoteIds) {
            if (!knownHere.has(id)) result.unknown.push(id);
        }
    };

    const visit = async (lo: number, hi: number, range: CreationRange, remoteCount: number): Promise<void> => {
        if (hi - lo === remoteCount) {
            return;
        }
        const small = Math.max(hi - lo, remoteCount) <= input.pageSize;
        // Cut at the median known creation time; equal times cannot be told apart, so the cut moves
        // to where the time changes.
        const median = sorted[(lo + hi) >>> 1]?.createdAt;
        let cut = median === undefined ? lo : lowerBound(sorted, lo, hi, median);
        if (cut === lo && median !== undefined) {
            cut = lowerBound(sorted, lo, hi, `${median}\u0000`);
        }
        if (small || splits >= splitBudget || cut <= lo || cut >= hi) {
            await list(lo, hi, range);
            return;
        }
        splits += 1;
        const cutAt = sorted[cut]!.createdAt;
        const left: CreationRange = { from: range.from, to: cutAt };
        const right: CreationRange = { from: cutAt, to: range.to };
        const leftCount = await limit(() => input.countRange(left));
        result.requests += 1;
        await Promise.all([visit(lo, cut, left, leftCount), visit(cut, hi, right, remoteCount - leftCount)]);
    };

    await visit(0, sorted.length, {}, input.remoteTotal);
    return result;
}
