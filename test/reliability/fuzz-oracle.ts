/**
 * The access fuzzer's oracle: decides from the emulator alone — its request log and its state
 * before and after each operation — whether a write reached Contentful outside the calling user's
 * grant. It shares no code with the adapter's access rules: it restates SPEC §5/§7/§8 in terms of
 * what changed in which locale of which entry or asset.
 */
import _ from 'lodash';
import type { EmulatedSpace, LoggedRequest } from '../../src/emulator/index.js';

type Fields = Record<string, Record<string, unknown>>;
type Kind = 'Entry' | 'Asset';

/** What the oracle keeps of one entity between operations. */
export interface EntityState {
    kind: Kind;
    id: string;
    contentType?: string;
    fields: Fields;
    published?: Fields;
    archived: boolean;
}

/** Object-level content types and their shared fields (the adapter's options, as the oracle reads SPEC §2/§4). */
export interface OracleModels {
    objectLevel: Record<string, { localeField: string; translationKeyField: string; sharedFields: string[] }>;
}

const key = (kind: Kind, id: string) => `${kind}:${id}`;

/** The state of one entity in the emulator now, or undefined when it does not exist. */
export function snapshotOf(space: EmulatedSpace, kind: Kind, id: string): EntityState | undefined {
    const record = (kind === 'Entry' ? space.entries : space.assets).get(id);
    if (!record) return undefined;
    const sys = record.data.sys;
    return {
        kind,
        id,
        contentType: (sys.contentType as { sys?: { id?: string } } | undefined)?.sys?.id,
        fields: _.cloneDeep(record.data.fields),
        published: record.published ? _.cloneDeep(record.published.fields) : undefined,
        archived: sys.archivedVersion !== undefined
    };
}

/** The entities one logged write request touched, as `Kind:id` keys. */
export function touchedBy(request: LoggedRequest): string[] {
    const entity = /\/(entries|assets)\/([^/]+)/.exec(request.path);
    if (entity) return [key(entity[1] === 'entries' ? 'Entry' : 'Asset', entity[2]!)];
    if (request.route.startsWith('/bulk_actions')) {
        const body = request.body as { entities?: { items?: unknown[] } | { entity?: unknown }[] } | undefined;
        const raw = Array.isArray(body?.entities) ? body.entities.map((item) => item.entity) : (body?.entities?.items ?? []);
        return raw.map((link) => (link as { sys: { linkType: Kind; id: string } }).sys).map((sys) => key(sys.linkType, sys.id));
    }
    return [];
}

/** (field, locale) pairs whose value differs between two `fields` objects. */
export function changedValues(before: Fields | undefined, after: Fields | undefined): { field: string; locale: string }[] {
    const changes: { field: string; locale: string }[] = [];
    for (const field of _.union(Object.keys(before ?? {}), Object.keys(after ?? {}))) {
        const a = before?.[field] ?? {};
        const b = after?.[field] ?? {};
        for (const locale of _.union(Object.keys(a), Object.keys(b))) {
            if (!_.isEqual(a[locale], b[locale])) changes.push({ field, locale });
        }
    }
    return changes;
}

/**
 * What a write that Contentful refused (4xx) or never answered would have done to its entity, so
 * an attempt outside the grant counts even when Contentful said no. Undefined: not an entity write
 * the oracle can restate (uploads, processing, bulk actions are judged by their effect only).
 */
export function intendedState(request: LoggedRequest, before: EntityState | undefined): { after: EntityState | undefined } | undefined {
    const match = /\/(entries|assets)\/([^/]+)(\/published|\/archived)?$/.exec(request.path);
    if (!match) return undefined;
    const kind: Kind = match[1] === 'entries' ? 'Entry' : 'Asset';
    const base: EntityState = before ?? { kind, id: match[2]!, contentType: request.headers['x-contentful-content-type'], fields: {}, archived: false };
    const body = request.body as { fields?: Fields; add?: { fields?: { '*'?: string[] } } } | undefined;
    const suffix = match[3];
    if (!suffix) {
        if (request.method === 'DELETE') return { after: undefined };
        return request.method === 'PUT' ? { after: { ...base, fields: body?.fields ?? {} } } : undefined;
    }
    if (suffix === '/archived') return { after: { ...base, archived: request.method === 'PUT' } };
    if (request.method === 'DELETE') return { after: { ...base, published: undefined } };
    const locales = body?.add?.fields?.['*'];
    const published = locales
        ? _.mapValues(base.fields, (byLocale, field) => ({ ...base.published?.[field], ..._.pick(byLocale, locales) }))
        : base.fields;
    return { after: { ...base, published } };
}

/** Keeps the oracle's copy of every entity in step with the emulator. */
export class EntityMirror {
    private readonly states = new Map<string, EntityState>();

    constructor(private readonly space: EmulatedSpace) {
        for (const entry of space.listEntries()) this.refresh(key('Entry', entry.sys.id));
        for (const asset of space.listAssets()) this.refresh(key('Asset', asset.sys.id));
    }

    get(entityKey: string): EntityState | undefined {
        return this.states.get(entityKey);
    }

    /** Reads the entity again from the emulator (after an operation wrote it). */
    refresh(entityKey: string): void {
        const [kind, id] = entityKey.split(/:(.*)/s) as [Kind, string];
        const state = snapshotOf(this.space, kind, id);
        if (state) this.states.set(entityKey, state);
        else this.states.delete(entityKey);
    }
}

/** One write judged by the oracle. */
export interface Judgement {
    entity: string;
    violation?: string;
}

/**
 * Judges what one operation did to one entity against a grant. `grant` is `'*'` or the granted
 * locales; `before`/`after` are the entity's states around the operation.
 */
export function judge(input: {
    grant: '*' | string[];
    before: EntityState | undefined;
    after: EntityState | undefined;
    space: EmulatedSpace;
    models: OracleModels;
    enabled: string[];
}): string | undefined {
    const { grant, before, after, space, models } = input;
    if (grant === '*') return undefined;
    const state = after ?? before!;
    const granted = (locale: string) => grant.includes(locale);
    const defaultLocale = space.defaultLocale();
    const draft = changedValues(before?.fields, after?.fields);
    const published = changedValues(before?.published, after?.published);
    const outside = (pairs: { field: string; locale: string }[]) => pairs.filter((pair) => !granted(pair.locale));
    const describe = (pairs: { field: string; locale: string }[]) => pairs.map((pair) => `${pair.field}[${pair.locale}]`).join(', ');

    if (state.kind === 'Asset') {
        // A new asset also gets its file and title in the default locale (SPEC §8: never blank there).
        const copiedToDefault = (pair: { field: string; locale: string }, fields: Fields | undefined) =>
            !before && pair.locale === defaultLocale && grant.some((locale) => sameAssetValue(fields?.[pair.field]?.[locale], fields?.[pair.field]?.[defaultLocale]));
        const badDraft = outside(draft).filter((pair) => !copiedToDefault(pair, after?.fields));
        const badPublished = outside(published).filter((pair) => !copiedToDefault(pair, after?.published));
        if (badDraft.length || badPublished.length) return `asset ${state.id}: changed ${describe([...badDraft, ...badPublished])} outside ${grant.join(', ')}`;
        return undefined;
    }

    const objectLevel = models.objectLevel[state.contentType ?? ''];
    if (objectLevel) {
        const localeOf = (entity: EntityState | undefined) => {
            const value = entity?.fields[objectLevel.localeField]?.[defaultLocale];
            return typeof value === 'string' && input.enabled.includes(value) ? value : defaultLocale;
        };
        const locales = _.uniq([before, after].filter(Boolean).map(localeOf));
        if (locales.every(granted)) return undefined;
        // Shared-field propagation: the group's default-locale variant's value copied to this variant.
        const propagated = (pair: { field: string }) =>
            objectLevel.sharedFields.includes(pair.field) && _.isEqual(after?.fields[pair.field], defaultVariantOf(space, objectLevel, after)?.fields[pair.field]);
        const onlyPropagation = before && after && published.length === 0 && before.archived === after.archived && draft.every(propagated);
        return onlyPropagation ? undefined : `entry ${state.id} of locale ${locales.join('/')}: ${!before ? 'created' : !after ? 'deleted' : `changed ${describe([...draft, ...published])}`} outside ${grant.join(', ')}`;
    }

    // Field-level: one entry, values per locale; non-localized values live under the default locale.
    const contentType = space.getContentType(state.contentType ?? '');
    const localized = new Set((contentType?.fields ?? []).filter((field) => field.localized).map((field) => field.id));
    if (!after) return `entry ${state.id}: deleted by a user restricted to ${grant.join(', ')}`;
    if (before && before.archived !== after.archived) return `entry ${state.id}: ${after.archived ? 'archived' : 'unarchived'} by a user restricted to ${grant.join(', ')}`;
    const badDraft = before ? draft.filter((pair) => !localized.has(pair.field) || !granted(pair.locale)) : draft.filter((pair) => localized.has(pair.field) && !granted(pair.locale));
    const badPublished = outside(published);
    if (badDraft.length || badPublished.length) {
        return `entry ${state.id}: ${before ? 'changed' : 'created with'} ${describe([...badDraft, ...badPublished])} outside ${grant.join(', ')}`;
    }
    return undefined;
}

function sameAssetValue(a: unknown, b: unknown): boolean {
    if (a === undefined || b === undefined) return false;
    const fileName = (value: unknown) => (typeof value === 'object' && value !== null ? (value as { fileName?: unknown }).fileName : value);
    return _.isEqual(fileName(a), fileName(b));
}

function defaultVariantOf(space: EmulatedSpace, model: OracleModels['objectLevel'][string], variant: EntityState | undefined): EntityState | undefined {
    const defaultLocale = space.defaultLocale();
    const groupKey = variant?.fields[model.translationKeyField]?.[defaultLocale];
    if (groupKey === undefined) return undefined;
    for (const record of space.entries.values()) {
        const fields = record.data.fields;
        if (record.data.sys.contentType && fields[model.translationKeyField]?.[defaultLocale] === groupKey && fields[model.localeField]?.[defaultLocale] === defaultLocale) {
            return snapshotOf(space, 'Entry', record.data.sys.id);
        }
    }
    return undefined;
}
