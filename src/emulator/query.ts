/**
 * Collection queries shared by the CMA and the preview/delivery API: parsing Contentful's search
 * parameters, filtering, ordering, paging and `select` projection.
 *
 * Speed matters (benchmarks page through 50,000 entries): results of a query are cached per
 * (query, data revision), so paging through a stable result with `skip` sorts once and then only
 * slices; filtering with the default order keeps the pre-sorted base order and never sorts.
 */
import _ from 'lodash';
import { badRequest, invalidQuery } from './errors.js';
import { isPlainObject } from './normalize.js';

/** Largest page Contentful serves. */
export const MAX_LIMIT = 1000;
/** Page size when `limit` is not given. */
export const DEFAULT_LIMIT = 100;

type Operator = 'eq' | 'ne' | 'in' | 'nin' | 'exists' | 'gt' | 'gte' | 'lt' | 'lte' | 'match' | 'all';

/** One parsed filter. */
export type Filter =
    | { on: 'sys'; path: string[]; op: Operator; value: string }
    | { on: 'fields'; field: string; locale?: string; subPath: string[]; op: Operator; value: string }
    | { on: 'text'; value: string }
    | { on: 'linksTo'; linkType: 'Entry' | 'Asset'; value: string };

/** One order key. */
export interface OrderKey {
    on: 'sys' | 'fields';
    path: string[];
    descending: boolean;
}

/** A parsed collection query. */
export interface ParsedQuery {
    contentType: string | undefined;
    filters: Filter[];
    /** Undefined: the default order (sys.createdAt, then sys.id). */
    order: OrderKey[] | undefined;
    skip: number;
    limit: number;
    select: string[][] | undefined;
    locale: string | undefined;
    include: number;
    /** Filters + order + locale, normalized: the cache key of the (unpaged) result. */
    key: string;
}

/** How the query engine reads an item (an entity record, a delivery view, …). */
export interface QueryView<T> {
    sys(item: T): Record<string, unknown>;
    /** Every value of a field (all locales, or the given one). */
    fieldValues(item: T, field: string, locale: string | undefined): unknown[];
    /** All values of all fields, for full-text search and `links_to_*`. */
    allFieldValues(item: T): unknown[];
}

const OPERATORS = new Set<Operator>(['ne', 'in', 'nin', 'exists', 'gt', 'gte', 'lt', 'lte', 'match', 'all']);
/** Parameters that are not filters. */
const RESERVED = new Set(['skip', 'limit', 'order', 'select', 'locale', 'include', 'content_type', 'query', 'links_to_entry', 'links_to_asset', 'access_token']);

function parseInteger(name: string, raw: string | null, fallback: number, max: number): number {
    if (raw === null || raw === '') {
        return fallback;
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) {
        throw badRequest(`The query parameter "${name}" must be a non-negative integer (got "${raw}").`, {
            errors: [{ name: 'type', path: [name], value: raw, details: `"${name}" must be an integer >= 0` }]
        });
    }
    if (value > max) {
        throw badRequest(`The query parameter "${name}" must be at most ${max} (got ${value}).`, {
            errors: [{ name: 'max', max, path: [name], value, details: `Value must be at most ${max}` }]
        });
    }
    return value;
}

function parseFilter(key: string, value: string): Filter | undefined {
    const match = /^(.*?)(?:\[(\w+)\])?$/.exec(key);
    const path = (match?.[1] ?? key).split('.');
    const rawOp = match?.[2];
    if (rawOp !== undefined && !OPERATORS.has(rawOp as Operator)) {
        throw invalidQuery([{ name: 'unknownOperator', path: [key], details: `Unknown search operator "[${rawOp}]"` }]);
    }
    const op: Operator = (rawOp as Operator | undefined) ?? 'eq';
    if (path[0] === 'sys' && path.length > 1) {
        return { on: 'sys', path: path.slice(1), op, value };
    }
    if (path[0] === 'fields' && path.length > 1) {
        const [, field, ...rest] = path;
        // `fields.title.en-US` names a locale; `fields.author.sys.id` reaches into a link.
        const locale = rest.length === 1 && rest[0] !== 'sys' ? rest[0] : undefined;
        return { on: 'fields', field: field!, locale, subPath: locale ? [] : rest, op, value };
    }
    return undefined;
}

/** `sys.createdAt` or `sys.createdAt,sys.id` ascending: the default order, served from the pre-sorted base. */
function isDefaultOrder(keys: OrderKey[]): boolean {
    const [first, second, ...rest] = keys;
    const ascending = (key: OrderKey | undefined, path: string) => key !== undefined && key.on === 'sys' && !key.descending && key.path.join('.') === path;
    return ascending(first, 'createdAt') && (second === undefined || ascending(second, 'id')) && rest.length === 0;
}

function parseOrder(raw: string | null): OrderKey[] | undefined {
    if (!raw) {
        return undefined;
    }
    const keys = raw.split(',').map((part): OrderKey => {
        const descending = part.startsWith('-');
        const path = (descending ? part.slice(1) : part).split('.');
        if ((path[0] !== 'sys' && path[0] !== 'fields') || path.length < 2) {
            throw invalidQuery([{ name: 'unknownOrder', path: ['order'], value: part, details: `Cannot order by "${part}"` }]);
        }
        return { on: path[0], path: path.slice(1), descending };
    });
    return isDefaultOrder(keys) ? undefined : keys;
}

/**
 * Parses Contentful search parameters.
 * @param maxInclude - 10 for the delivery APIs; the CMA ignores `include`.
 * @throws EmulatorError 400 for a bad `limit`/`skip`, an unknown operator or order, or a field filter
 *   without `content_type` (Contentful needs the content type to know the field).
 */
export function parseQuery(params: URLSearchParams, options: { maxInclude?: number } = {}): ParsedQuery {
    const filters: Filter[] = [];
    for (const [key, value] of params) {
        if (RESERVED.has(key)) {
            continue;
        }
        const filter = parseFilter(key, value);
        if (filter) {
            filters.push(filter);
        }
    }
    const text = params.get('query');
    if (text) {
        filters.push({ on: 'text', value: text });
    }
    for (const [param, linkType] of [['links_to_entry', 'Entry'], ['links_to_asset', 'Asset']] as const) {
        const target = params.get(param);
        if (target) {
            filters.push({ on: 'linksTo', linkType, value: target });
        }
    }
    const contentType = params.get('content_type') ?? undefined;
    const order = parseOrder(params.get('order'));
    const needsContentType = filters.some((filter) => filter.on === 'fields') || order?.some((key) => key.on === 'fields');
    if (needsContentType && !contentType) {
        throw invalidQuery([
            { name: 'contentTypeRequired', path: ['content_type'], details: 'Filtering or ordering by fields requires the content_type parameter' }
        ]);
    }
    const selectRaw = params.get('select');
    const select = selectRaw ? selectRaw.split(',').map((path) => path.trim().split('.')) : undefined;
    const locale = params.get('locale') ?? undefined;
    const parsed = {
        contentType,
        filters: _.sortBy(filters, (filter) => JSON.stringify(filter)),
        order,
        skip: parseInteger('skip', params.get('skip'), 0, Number.MAX_SAFE_INTEGER),
        limit: parseInteger('limit', params.get('limit'), DEFAULT_LIMIT, MAX_LIMIT),
        select,
        locale,
        include: parseInteger('include', params.get('include'), 1, options.maxInclude ?? 10)
    };
    return { ...parsed, key: JSON.stringify([contentType, parsed.filters, order, locale]) };
}

function asComparable(value: unknown): number | string | undefined {
    if (typeof value === 'number') {
        return value;
    }
    if (typeof value === 'string') {
        const time = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
        return Number.isNaN(time) ? value : time;
    }
    if (typeof value === 'boolean') {
        return String(value);
    }
    return undefined;
}

function compareScalar(actual: unknown, op: Operator, expected: string): boolean {
    const list = expected.split(',');
    const text = actual === null || actual === undefined ? undefined : typeof actual === 'object' ? JSON.stringify(actual) : String(actual);
    switch (op) {
        case 'eq':
            return text === expected;
        case 'ne':
            return text !== expected;
        case 'in':
            return text !== undefined && list.includes(text);
        case 'nin':
            return text === undefined || !list.includes(text);
        case 'match':
            return text !== undefined && text.toLowerCase().includes(expected.toLowerCase());
        default: {
            const left = asComparable(actual);
            const right = asComparable(typeof actual === 'number' ? Number(expected) : expected);
            if (left === undefined || right === undefined || typeof left !== typeof right) {
                return false;
            }
            return op === 'gt' ? left > right : op === 'gte' ? left >= right : op === 'lt' ? left < right : left <= right;
        }
    }
}

/** Does one value (maybe an array: any element matches) satisfy the operator? */
function valueMatches(values: unknown[], op: Operator, expected: string): boolean {
    if (op === 'exists') {
        const present = values.some((value) => value !== undefined && value !== null);
        return present === (expected === 'true');
    }
    const flat = values.flatMap((value) => (Array.isArray(value) ? value : [value]));
    if (op === 'all') {
        return expected.split(',').every((wanted) => flat.some((value) => compareScalar(value, 'eq', wanted)));
    }
    if (op === 'ne' || op === 'nin') {
        return flat.every((value) => compareScalar(value, op, expected));
    }
    return flat.some((value) => compareScalar(value, op, expected));
}

function linksTo(values: unknown[], linkType: string, id: string): boolean {
    return values.some((value) => {
        if (Array.isArray(value)) {
            return linksTo(value, linkType, id);
        }
        return isPlainObject(value) && isPlainObject(value.sys) && value.sys.type === 'Link' && value.sys.linkType === linkType && value.sys.id === id;
    });
}

function containsText(values: unknown[], needle: string): boolean {
    return values.some((value) => {
        if (typeof value === 'string') {
            return value.toLowerCase().includes(needle);
        }
        if (Array.isArray(value)) {
            return containsText(value, needle);
        }
        return isPlainObject(value) && !('sys' in value) ? containsText(Object.values(value), needle) : false;
    });
}

function matchesFilter<T>(item: T, filter: Filter, view: QueryView<T>): boolean {
    switch (filter.on) {
        case 'sys':
            return valueMatches([_.get(view.sys(item), filter.path)], filter.op, filter.value);
        case 'fields': {
            const values = view.fieldValues(item, filter.field, filter.locale);
            const reached = filter.subPath.length ? values.map((value) => (Array.isArray(value) ? value.map((one) => _.get(one, filter.subPath)) : _.get(value, filter.subPath))) : values;
            return valueMatches(reached, filter.op, filter.value);
        }
        case 'text':
            return containsText(view.allFieldValues(item), filter.value.toLowerCase());
        case 'linksTo':
            return linksTo(view.allFieldValues(item), filter.linkType, filter.value);
    }
}

function sortKey<T>(item: T, key: OrderKey, view: QueryView<T>): number | string {
    const raw = key.on === 'sys' ? _.get(view.sys(item), key.path) : view.fieldValues(item, key.path[0]!, undefined)[0];
    const comparable = asComparable(raw);
    return comparable ?? '';
}

/** Filters `items` (already in the default order) and sorts them when an order is given. */
export function runQuery<T>(items: readonly T[], query: ParsedQuery, view: QueryView<T>, contentTypeOf: (item: T) => string | undefined): T[] {
    const filtered = items.filter(
        (item) => (query.contentType === undefined || contentTypeOf(item) === query.contentType) && query.filters.every((filter) => matchesFilter(item, filter, view))
    );
    if (!query.order) {
        return filtered;
    }
    const order = query.order;
    // Decorate-sort-undecorate: computing keys once keeps the sort O(N log N) comparisons of plain values.
    const decorated = filtered.map((item, index) => ({ item, index, keys: order.map((key) => sortKey(item, key, view)) }));
    decorated.sort((a, b) => {
        for (let i = 0; i < order.length; i += 1) {
            const left = a.keys[i]!;
            const right = b.keys[i]!;
            if (left !== right) {
                const less = typeof left === typeof right ? left < right : String(left) < String(right);
                return (less ? -1 : 1) * (order[i]!.descending ? -1 : 1);
            }
        }
        return a.index - b.index;
    });
    return decorated.map((entry) => entry.item);
}

/** `value` reduced to the `select`ed paths; `sys.type` and `sys.id` are always kept. */
export function project(value: Record<string, unknown>, select: string[][] | undefined): Record<string, unknown> {
    if (!select) {
        return value;
    }
    // Plain property access instead of _.get/_.set: a 1000-item page with a dozen paths is served per
    // request, and the benchmarks must not measure the emulator's projection instead of the client.
    const sys = isPlainObject(value.sys) ? value.sys : {};
    const result: Record<string, unknown> = { sys: { type: sys.type, id: sys.id } };
    // Whole objects first (`select=sys`), so a deeper path never writes into a stored object.
    const whole = new Set<string>();
    for (const path of select) {
        if (path.length === 1 && value[path[0]!] !== undefined) {
            whole.add(path[0]!);
            result[path[0]!] = value[path[0]!];
        }
    }
    for (const path of select) {
        const top = path[0]!;
        if (path.length === 1 || whole.has(top)) {
            continue;
        }
        if (path.length > 2) {
            const picked = _.get(value, path);
            if (picked !== undefined) {
                _.set(result, path, picked);
            }
            continue;
        }
        const source = value[top];
        const picked = isPlainObject(source) ? source[path[1]!] : undefined;
        if (picked !== undefined) {
            const target = isPlainObject(result[top]) ? (result[top] as Record<string, unknown>) : (result[top] = {});
            (target as Record<string, unknown>)[path[1]!] = picked;
        }
    }
    return result;
}

/** A small LRU of query results valid for one data revision. */
export class QueryCache<T> {
    private readonly results = new Map<string, { revision: number; items: T[] }>();
    private hits = 0;
    private misses = 0;
    constructor(private readonly capacity = 16) {}

    /** The cached result for `key` at `revision`, or the computed one (then cached). */
    get(key: string, revision: number, compute: () => T[]): T[] {
        const cached = this.results.get(key);
        if (cached && cached.revision === revision) {
            this.hits += 1;
            this.results.delete(key);
            this.results.set(key, cached);
            return cached.items;
        }
        this.misses += 1;
        const items = compute();
        this.results.delete(key);
        this.results.set(key, { revision, items });
        if (this.results.size > this.capacity) {
            this.results.delete(this.results.keys().next().value!);
        }
        return items;
    }

    /** Cache hits and misses so far (tests assert paging does not recompute). */
    stats(): { hits: number; misses: number } {
        return { hits: this.hits, misses: this.misses };
    }
}
