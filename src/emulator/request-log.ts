/**
 * A log of every request the emulator answered, for tests ("no write happened") and benchmarks
 * ("how many GET /entries").
 */

/** One logged request. */
export interface LoggedRequest {
    method: string;
    url: string;
    /** The path as sent (`/spaces/space1/environments/master/entries/abc`). */
    path: string;
    /** The route it matched, without the space/environment prefix (`/entries/:id`), or the path when none did. */
    route: string;
    /** Which API: `cma`, `upload`, `preview`, `delivery`. */
    api: string;
    query: Record<string, string>;
    headers: Record<string, string>;
    /** Parsed JSON body, the byte length of a binary body, or undefined. */
    body: unknown;
    status: number;
    /** Which fault was injected, if any. */
    fault?: string;
    /** ISO time the request arrived. */
    timestamp: string;
    durationMs: number;
}

/** Filter for {@link RequestLog.count}. */
export interface RequestFilter {
    method?: string;
    /** Matched against `route` (string: equal; RegExp: test) — e.g. `'/entries/:id'` or `/published$/`. */
    route?: string | RegExp;
    /** Matched against the full `path`. */
    path?: string | RegExp;
    status?: number;
    api?: string;
}

function matches(value: string, pattern: string | RegExp | undefined): boolean {
    return pattern === undefined || (typeof pattern === 'string' ? value === pattern : pattern.test(value));
}

/** Every request, in arrival order. */
export class RequestLog {
    private entries: LoggedRequest[] = [];

    /** @internal Appends an entry. */
    record(entry: LoggedRequest): void {
        this.entries.push(entry);
    }

    /** Every logged request. */
    all(): LoggedRequest[] {
        return [...this.entries];
    }

    /** Requests that are not GET/HEAD/OPTIONS. */
    writes(): LoggedRequest[] {
        return this.entries.filter((entry) => !['GET', 'HEAD', 'OPTIONS'].includes(entry.method));
    }

    /** Forgets everything logged so far. */
    clear(): void {
        this.entries = [];
    }

    /** Requests matching every given criterion (all requests without a filter). */
    filter(filter: RequestFilter = {}): LoggedRequest[] {
        return this.entries.filter(
            (entry) =>
                (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
                matches(entry.route, filter.route) &&
                matches(entry.path, filter.path) &&
                (filter.status === undefined || entry.status === filter.status) &&
                (filter.api === undefined || entry.api === filter.api)
        );
    }

    /** How many requests match. */
    count(filter: RequestFilter = {}): number {
        return this.filter(filter).length;
    }

    /** Request counts keyed `'<METHOD> <route>'` (`'GET /entries'`, `'PUT /entries/:id/published'`), for printing. */
    byRoute(): Record<string, number> {
        const counts: Record<string, number> = {};
        for (const entry of this.entries) {
            const key = `${entry.method} ${entry.api === 'cma' ? '' : `[${entry.api}] `}${entry.route}`;
            counts[key] = (counts[key] ?? 0) + 1;
        }
        return counts;
    }
}
