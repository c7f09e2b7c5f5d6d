/**
 * The Content Preview API (drafts) and Content Delivery API (published snapshot) over the same space:
 * locale resolution with Contentful's fallback chain, CDA-shaped sys, `include` resolution into
 * `includes.Entry/Asset`, and the collection query engine with locale-resolved field values.
 */
import _ from 'lodash';
import { badRequest, notFound } from './errors.js';
import { isPlainObject, sysId } from './normalize.js';
import { parseQuery, project, runQuery, type ParsedQuery, type QueryView } from './query.js';
import type { EmulatedSpace } from './space.js';
import type { EntityRecord, LocalizedFields, StoredSys, WireContentType } from './types.js';

/** Which API: preview serves drafts, delivery the published snapshot. */
export type DeliveryApi = 'preview' | 'delivery';
type Kind = 'Entry' | 'Asset';

/** What one delivery request needs besides the query. */
export interface DeliveryRequest {
    api: DeliveryApi;
    /** `X-Contentful-Locale-Based-Publishing: true`: hide locales whose fieldStatus is not published. */
    localeBasedPublishing: boolean;
}

interface Served {
    record: EntityRecord;
    sys: StoredSys;
    fields: LocalizedFields;
}

/** The content an API serves for a record, or undefined when it serves nothing (archived, unpublished). */
function served(record: EntityRecord, api: DeliveryApi): Served | undefined {
    if (record.data.sys.archivedVersion !== undefined) {
        return undefined;
    }
    if (api === 'preview') {
        return { record, sys: record.data.sys, fields: record.data.fields };
    }
    return record.published ? { record, sys: record.published.sys, fields: record.published.fields } : undefined;
}

/** The fallback chain of a locale, itself first (cycles and dangling codes end the chain). */
export function fallbackChain(space: EmulatedSpace, locale: string): string[] {
    const chain: string[] = [];
    let code: string | null | undefined = locale;
    while (code && !chain.includes(code)) {
        chain.push(code);
        code = space.locales().find((candidate) => candidate.code === code)?.fallbackCode;
    }
    return chain;
}

function localizedFieldIds(contentType: WireContentType | undefined): Set<string> | undefined {
    return contentType ? new Set(contentType.fields.filter((field) => field.localized).map((field) => field.id)) : undefined;
}

/** Field values resolved for one locale (fallback applied; non-localized fields from the default locale). */
function resolveFields(space: EmulatedSpace, item: Served, locale: string, only?: string): Record<string, unknown> {
    const contentType = item.sys.type === 'Entry' ? space.getContentType(sysId(item.sys.contentType) ?? '') : undefined;
    const localized = localizedFieldIds(contentType);
    const omitted = new Set(contentType?.fields.filter((field) => field.omitted).map((field) => field.id));
    const chain = fallbackChain(space, locale);
    const defaultChain = [space.defaultLocale()];
    const result: Record<string, unknown> = {};
    const fieldIds = only === undefined ? Object.keys(item.fields) : [only];
    for (const fieldId of fieldIds) {
        const byLocale = item.fields[fieldId];
        if (omitted.has(fieldId) || !byLocale) {
            continue;
        }
        const codes = localized === undefined || localized.has(fieldId) ? chain : defaultChain;
        const code = codes.find((candidate) => byLocale[candidate] !== undefined && byLocale[candidate] !== null);
        if (code !== undefined) {
            result[fieldId] = byLocale[code];
        }
    }
    return result;
}

function deliveredLocales(space: EmulatedSpace): Set<string> {
    return new Set(space.locales().filter((locale) => locale.contentDeliveryApi).map((locale) => locale.code));
}

/** Raw per-locale fields (`locale=*`), without omitted fields and non-delivered locales. */
function allLocaleFields(space: EmulatedSpace, item: Served): LocalizedFields {
    const contentType = item.sys.type === 'Entry' ? space.getContentType(sysId(item.sys.contentType) ?? '') : undefined;
    const omitted = new Set(contentType?.fields.filter((field) => field.omitted).map((field) => field.id));
    const delivered = deliveredLocales(space);
    const result: LocalizedFields = {};
    for (const [fieldId, byLocale] of Object.entries(item.fields)) {
        const kept = _.pickBy(byLocale, (value, code) => delivered.has(code) && value !== null);
        if (!omitted.has(fieldId) && !_.isEmpty(kept)) {
            result[fieldId] = kept;
        }
    }
    return result;
}

function cdaSys(space: EmulatedSpace, item: Served, api: DeliveryApi, locale: string | undefined): Record<string, unknown> {
    const sys = item.sys;
    const links = space.spaceLinks();
    return {
        space: links.space,
        id: sys.id,
        type: sys.type,
        createdAt: api === 'delivery' ? (sys.firstPublishedAt ?? sys.createdAt) : sys.createdAt,
        updatedAt: api === 'delivery' ? (sys.publishedAt ?? sys.updatedAt) : sys.updatedAt,
        environment: links.environment,
        ...(sys.publishedVersion !== undefined ? { publishedVersion: sys.publishedVersion } : {}),
        revision: api === 'delivery' ? (sys.publishedCounter ?? 1) : sys.version,
        ...(sys.type === 'Entry' ? { contentType: sys.contentType } : {}),
        ...(locale && locale !== '*' ? { locale } : {})
    };
}

function visibleUnderLocaleBasedPublishing(item: Served, locale: string, request: DeliveryRequest): boolean {
    if (!request.localeBasedPublishing || request.api !== 'delivery' || locale === '*') {
        return true;
    }
    const status = item.record.data.sys.fieldStatus?.['*'][locale];
    return status === undefined || status === 'published' || status === 'changed';
}

function requireLocale(space: EmulatedSpace, raw: string | undefined): string {
    const locale = raw ?? space.defaultLocale();
    if (locale !== '*' && !space.localeCodes().includes(locale)) {
        throw badRequest(`Unknown locale: ${locale}`, { errors: [{ name: 'unknownLocale', value: locale, path: ['locale'] }] });
    }
    return locale;
}

function serialize(space: EmulatedSpace, item: Served, request: DeliveryRequest, locale: string): Record<string, unknown> {
    const fields = locale === '*' ? allLocaleFields(space, item) : resolveFields(space, item, locale);
    return { metadata: item.record.data.metadata ?? { tags: [] }, sys: cdaSys(space, item, request.api, locale), fields };
}

function links(value: unknown, found: { linkType: Kind; id: string }[]): void {
    if (Array.isArray(value)) {
        value.forEach((one) => links(one, found));
        return;
    }
    if (!isPlainObject(value)) {
        return;
    }
    const sys = value.sys;
    if (isPlainObject(sys) && sys.type === 'Link' && (sys.linkType === 'Entry' || sys.linkType === 'Asset') && typeof sys.id === 'string') {
        found.push({ linkType: sys.linkType, id: sys.id });
        return;
    }
    if (value.nodeType !== undefined) {
        // Rich text: embedded links live in node `data.target`.
        Object.values(value).forEach((one) => links(one, found));
    }
}

/** `includes` and `errors` for the links of `items`, `depth` levels deep. */
function resolveIncludes(space: EmulatedSpace, items: Served[], request: DeliveryRequest, locale: string, depth: number) {
    const seen = new Set(items.map((item) => `${item.sys.type}:${item.sys.id}`));
    const includes: Record<Kind, Record<string, unknown>[]> = { Entry: [], Asset: [] };
    const missing = new Map<string, { linkType: Kind; id: string }>();
    let frontier = items;
    for (let level = 0; level < depth && frontier.length; level += 1) {
        const found: { linkType: Kind; id: string }[] = [];
        for (const item of frontier) {
            const fields = locale === '*' ? Object.values(allLocaleFields(space, item)).flatMap((byLocale) => Object.values(byLocale)) : Object.values(resolveFields(space, item, locale));
            links(fields, found);
        }
        const next: Served[] = [];
        for (const target of found) {
            const key = `${target.linkType}:${target.id}`;
            if (seen.has(key)) {
                continue;
            }
            seen.add(key);
            const record = space.records(target.linkType).get(target.id);
            const item = record ? served(record, request.api) : undefined;
            if (!item || !visibleUnderLocaleBasedPublishing(item, locale, request)) {
                missing.set(key, target);
                continue;
            }
            includes[target.linkType].push(serialize(space, item, request, locale));
            next.push(item);
        }
        frontier = next;
    }
    const errors = [...missing.values()].map((target) => ({ sys: { id: 'notResolvable', type: 'error' }, details: { type: 'Link', linkType: target.linkType, id: target.id } }));
    return { includes: _.omitBy(includes, (list) => !list.length), errors };
}

function queryView(space: EmulatedSpace, locale: string): QueryView<Served> {
    return {
        sys: (item) => item.sys,
        fieldValues: (item, field, fieldLocale) => {
            if (locale === '*' || fieldLocale) {
                const byLocale = item.fields[field] ?? {};
                return fieldLocale ? [byLocale[fieldLocale]] : Object.values(byLocale);
            }
            return [resolveFields(space, item, locale, field)[field]];
        },
        allFieldValues: (item) => Object.values(item.fields).flatMap((byLocale) => Object.values(byLocale ?? {}))
    };
}

/**
 * `GET …/entries` or `…/assets` on the preview/delivery API.
 * @throws 400 for a bad query or an unknown locale
 */
export function deliveryCollection(space: EmulatedSpace, kind: Kind, params: URLSearchParams, request: DeliveryRequest): Record<string, unknown> {
    const query: ParsedQuery = parseQuery(params, { maxInclude: 10 });
    const locale = requireLocale(space, query.locale);
    const view = queryView(space, locale);
    const cacheKey = `${request.api}:${request.localeBasedPublishing}:${kind}:${query.key}`;
    const matching = space.queryCache.get(cacheKey, space.revision(kind), () => {
        const candidates = space
            .orderedRecords(kind)
            .map((record) => served(record, request.api))
            .filter((item): item is Served => !!item && visibleUnderLocaleBasedPublishing(item, locale, request));
        return runQuery(candidates, query, view, (item) => sysId(item.sys.contentType));
    }) as Served[];
    const page = matching.slice(query.skip, query.skip + query.limit);
    const body: Record<string, unknown> = {
        sys: { type: 'Array' },
        total: matching.length,
        skip: query.skip,
        limit: query.limit,
        items: page.map((item) => project(serialize(space, item, request, locale), query.select))
    };
    if (kind === 'Entry' && query.include > 0 && page.length) {
        const { includes, errors } = resolveIncludes(space, page, request, locale, query.include);
        if (!_.isEmpty(includes)) {
            body.includes = includes;
        }
        if (errors.length) {
            body.errors = errors;
        }
    }
    return body;
}

/** `GET …/entries/:id` or `…/assets/:id` on the preview/delivery API. */
export function deliveryEntity(space: EmulatedSpace, kind: Kind, id: string, params: URLSearchParams, request: DeliveryRequest): Record<string, unknown> {
    const locale = requireLocale(space, params.get('locale') ?? undefined);
    const record = space.records(kind).get(id);
    const item = record ? served(record, request.api) : undefined;
    if (!item || !visibleUnderLocaleBasedPublishing(item, locale, request)) {
        throw notFound({ type: kind, id, environment: space.environment, space: space.spaceId });
    }
    return serialize(space, item, request, locale);
}

/** `GET …/locales` on the preview/delivery API. */
export function deliveryLocales(space: EmulatedSpace): Record<string, unknown> {
    const items = space
        .locales()
        .filter((locale) => locale.contentDeliveryApi)
        .map((locale) => ({ code: locale.code, name: locale.name, default: locale.default, fallbackCode: locale.fallbackCode, sys: { id: locale.sys.id, type: 'Locale', version: locale.sys.version } }));
    return { sys: { type: 'Array' }, total: items.length, skip: 0, limit: 1000, items };
}

/** A content type as the CDA serves it. */
export function deliveryContentType(space: EmulatedSpace, contentType: WireContentType): Record<string, unknown> {
    const sys = contentType.sys;
    const links = space.spaceLinks();
    return {
        sys: { space: links.space, id: sys.id, type: 'ContentType', createdAt: sys.createdAt, updatedAt: sys.updatedAt, environment: links.environment, revision: sys.publishedCounter ?? sys.version },
        displayField: contentType.displayField ?? null,
        name: contentType.name,
        description: contentType.description ?? '',
        fields: contentType.fields
    };
}
