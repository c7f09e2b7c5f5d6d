/**
 * Seeding helpers of {@link EmulatedSpace}: turning a raw CMA-shaped entity (a test seed or an
 * imported export/recording) into a stored record, and inferring locales from field keys.
 */
import _ from 'lodash';
import { derivedStatus, removeLocaleSlices, sliceContext } from './field-status.js';
import { isPlainObject, link, sysId } from './normalize.js';
import type { AddEntityOptions, EmulatedSpace, EntityInput } from './space.js';
import type { EntityRecord, LocalizedFields, StoredSys, WireEntity } from './types.js';

type Kind = 'Entry' | 'Asset';

/** Fields of the published locales of a seeded entity (all of them unless fieldStatus says draft). */
function publishedSlices(space: EmulatedSpace, kind: Kind, data: WireEntity): LocalizedFields {
    const status = data.sys.fieldStatus?.['*'];
    const drafts = status ? Object.keys(status).filter((code) => status[code] === 'draft') : [];
    if (!drafts.length || !space.locales().length) {
        return _.cloneDeep(data.fields);
    }
    const contentType = kind === 'Entry' ? space.getContentType(sysId(data.sys.contentType) ?? '') : null;
    return removeLocaleSlices(data.fields, drafts, sliceContext(space.defaultLocale(), contentType));
}

/** The modern sys keys a hand-written seed lacks (space, environment, users, fieldStatus, urn, …). */
function modernSys(space: EmulatedSpace, kind: Kind, base: StoredSys, given: Partial<StoredSys>): StoredSys {
    const userLink = () => link('User', space.currentUserId());
    const contentTypeId = sysId(given.contentType);
    if (kind === 'Entry' && !contentTypeId) {
        throw new Error(`Contentful emulator: addEntry("${base.id}") needs sys.contentType`);
    }
    const sys = {
        ...space.spaceLinks(),
        ...base,
        createdBy: given.createdBy ?? userLink(),
        updatedBy: given.updatedBy ?? userLink(),
        ...(given.publishedVersion !== undefined && !given.publishedBy ? { publishedBy: userLink() } : {}),
        ...(kind === 'Entry' ? { automationTags: given.automationTags ?? [], contentType: link('ContentType', contentTypeId!) } : {}),
        urn: given.urn ?? `crn:contentful:::content:spaces/${space.spaceId}/environments/${space.environment}/${kind === 'Entry' ? 'entries' : 'assets'}/${base.id}`
    } as StoredSys;
    if (sys.publishedVersion !== undefined) {
        sys.publishedAt ??= sys.updatedAt;
        sys.firstPublishedAt ??= sys.publishedAt;
        sys.publishedCounter ??= 1;
    }
    sys.fieldStatus ??= { '*': derivedStatus(space.localeCodes(), sys.publishedVersion, sys.version) };
    return sys;
}

/** A stored record for a seeded entity; a published one gets its published snapshot. */
export function seededRecord(space: EmulatedSpace, kind: Kind, input: EntityInput, options: AddEntityOptions): EntityRecord {
    const given = (isPlainObject(input.sys) ? input.sys : {}) as Partial<StoredSys>;
    const now = space.timestamp();
    const base = {
        ..._.cloneDeep(given),
        id: typeof given.id === 'string' ? given.id : space.newId(),
        type: kind,
        version: given.version ?? 1,
        createdAt: given.createdAt ?? now,
        updatedAt: given.updatedAt ?? now
    } as StoredSys;
    const sys = options.asImported ? base : modernSys(space, kind, base, given);
    const fields = _.cloneDeep(isPlainObject(input.fields) ? input.fields : {}) as LocalizedFields;
    const metadata = input.metadata ?? (options.asImported ? undefined : { tags: [] });
    const data: WireEntity = { ...(metadata ? { metadata: _.cloneDeep(metadata) } : {}), sys, fields };
    const record: EntityRecord = { data, snapshots: [] };
    if (sys.publishedVersion !== undefined && sys.archivedVersion === undefined) {
        record.published = { fields: publishedSlices(space, kind, data), sys: _.cloneDeep(sys) };
    }
    return record;
}

/** Locales inferred from the field keys of entities (for exports without a `locales` list). */
export function inferLocales(entities: Record<string, unknown>[]): Record<string, unknown>[] {
    const counts = new Map<string, number>();
    for (const entity of entities) {
        const fields = isPlainObject(entity.fields) ? entity.fields : {};
        for (const byLocale of Object.values(fields)) {
            for (const code of Object.keys(isPlainObject(byLocale) ? byLocale : {})) {
                counts.set(code, (counts.get(code) ?? 0) + 1);
            }
        }
    }
    // Non-localized fields live under the default locale, so it is the most used key.
    const codes = _.sortBy([...counts.keys()], (code) => -(counts.get(code) ?? 0));
    return codes.map((code, index) => ({ code, name: code, default: index === 0, fallbackCode: null }));
}
