/**
 * Per-locale publishing state, moved the way contentful-migration assumes Contentful moves it:
 * everything `draft` on create; a save turns a published locale whose values differ from the published
 * snapshot into `changed` (drafts stay drafts); a full publish makes every locale `published`; a locale
 * publish flips only the listed locales; a locale unpublish turns them back to `draft`.
 *
 * A locale's "slice" is the localized fields' values under that locale; non-localized fields belong to
 * the default locale's slice (Contentful stores them there only). Pure functions over plain data.
 */
import _ from 'lodash';
import type { LocaleStatus, LocalizedFields, WireContentType } from './types.js';

/** What the slice functions need to know about the entity's model and the space. */
export interface SliceContext {
    defaultLocale: string;
    /** Localized field ids; `undefined` = every field is localized (assets, unknown content types). */
    localizedFields: Set<string> | undefined;
}

/** The {@link SliceContext} for an entry of `contentType` (or an asset when `contentType` is null). */
export function sliceContext(defaultLocale: string, contentType: WireContentType | null | undefined): SliceContext {
    if (!contentType) {
        return { defaultLocale, localizedFields: undefined };
    }
    return { defaultLocale, localizedFields: new Set(contentType.fields.filter((field) => field.localized).map((field) => field.id)) };
}

function belongsToLocale(fieldId: string, locale: string, context: SliceContext): boolean {
    return context.localizedFields === undefined || context.localizedFields.has(fieldId) || locale === context.defaultLocale;
}

/** The values of one locale: field id → value (only the keys present). */
export function localeSlice(fields: LocalizedFields, locale: string, context: SliceContext): Record<string, unknown> {
    const slice: Record<string, unknown> = {};
    for (const [fieldId, byLocale] of Object.entries(fields)) {
        if (belongsToLocale(fieldId, locale, context) && byLocale && Object.prototype.hasOwnProperty.call(byLocale, locale)) {
            slice[fieldId] = byLocale[locale];
        }
    }
    return slice;
}

/** `fields` with the slices of `locales` replaced by those of `source` (a deep copy). */
export function mergeLocaleSlices(target: LocalizedFields, source: LocalizedFields, locales: string[], context: SliceContext): LocalizedFields {
    const merged = _.cloneDeep(target);
    for (const locale of locales) {
        const fieldIds = _.union(Object.keys(merged), Object.keys(source));
        for (const fieldId of fieldIds) {
            if (!belongsToLocale(fieldId, locale, context)) {
                continue;
            }
            const sourceByLocale = source[fieldId];
            if (sourceByLocale && Object.prototype.hasOwnProperty.call(sourceByLocale, locale)) {
                merged[fieldId] = { ...merged[fieldId], [locale]: _.cloneDeep(sourceByLocale[locale]) };
            } else if (merged[fieldId]) {
                delete merged[fieldId][locale];
            }
        }
    }
    return _.omitBy(merged, (byLocale) => _.isEmpty(byLocale));
}

/** The `fields` without the slices of `locales`. */
export function removeLocaleSlices(fields: LocalizedFields, locales: string[], context: SliceContext): LocalizedFields {
    return mergeLocaleSlices(fields, {}, locales, context);
}

/** Every locale `draft` (a new entity). */
export function allStatus(locales: string[], status: LocaleStatus): Record<string, LocaleStatus> {
    return Object.fromEntries(locales.map((locale) => [locale, status]));
}

/**
 * The status of every locale after a save.
 * @param previous - the status before the save (missing locales count as `draft`)
 * @param published - the published snapshot's fields, if the entity has one
 */
export function statusAfterSave(
    locales: string[],
    previous: Record<string, LocaleStatus>,
    fields: LocalizedFields,
    published: LocalizedFields | undefined,
    context: SliceContext
): Record<string, LocaleStatus> {
    return Object.fromEntries(
        locales.map((locale): [string, LocaleStatus] => {
            const before = previous[locale] ?? 'draft';
            if (before === 'draft' || !published) {
                return [locale, 'draft'];
            }
            const same = _.isEqual(localeSlice(fields, locale, context), localeSlice(published, locale, context));
            return [locale, same ? 'published' : 'changed'];
        })
    );
}

/** `previous` with `locales` set to `status` (and every other space locale kept, defaulting to draft). */
export function withStatus(
    spaceLocales: string[],
    previous: Record<string, LocaleStatus>,
    locales: string[],
    status: LocaleStatus
): Record<string, LocaleStatus> {
    const changed = new Set(locales);
    return Object.fromEntries(spaceLocales.map((locale) => [locale, changed.has(locale) ? status : (previous[locale] ?? 'draft')]));
}

/**
 * The status an entity had before the emulator tracked it (imported without `fieldStatus`): from the
 * version arithmetic, the same for every locale.
 */
export function derivedStatus(locales: string[], publishedVersion: number | undefined, version: number): Record<string, LocaleStatus> {
    if (publishedVersion === undefined) {
        return allStatus(locales, 'draft');
    }
    return allStatus(locales, version >= publishedVersion + 2 ? 'changed' : 'published');
}
