/**
 * "Copy entry" plans (SPEC §6, Contentstack's copy-entry semantics), pure: which new entries to
 * create, with which fields, before anything is written.
 *
 * - Current locale L: object-level — L's variant, and (when L is not the default locale) the
 *   existing variants of L's fallback chain up to the default, so the copy keeps L's hierarchy;
 *   field-level — one entry with L's values and its fallback chain's values plus the non-localized
 *   fields.
 * - All locales: every enabled locale's version; shared / non-localized fields come from the master
 *   (the default-locale variant or values). Disabled or removed locales are never copied.
 * - Both: the display field and every field with a `unique` validation get a timestamp suffix in
 *   every copied locale, so the copy is valid next to the original.
 */
import _ from 'lodash';
import { LocalizationError } from '../errors.js';
import type { ContentTypeProps, LocalizedFields } from '../contentful/types.js';
import type { LocaleContext } from './types.js';

/** The content type facts a copy needs. */
export type CopyContentType = Pick<ContentTypeProps, 'displayField' | 'fields'> & { sys: { id: string }; name?: string };

/** Input of {@link planCopy}. */
export interface CopyPlanInput {
    scope: 'current-locale' | 'all-locales';
    /** The editor's current locale (the default locale in Global mode). */
    locale: string;
    locales: LocaleContext;
    contentType: CopyContentType;
    /** Object-level models: the translation group being copied, by locale. */
    objectLevel?: {
        localeField: string;
        translationKeyField: string;
        sharedFields: string[];
        variants: Record<string, { id: string; fields: LocalizedFields }>;
    };
    /** Field-level models: the entry being copied. */
    entry?: { id: string; fields: LocalizedFields };
    /** When the copy is made (the suffix is built from it). */
    now: Date;
    /** Object-level: the translation key every copy of the group gets. */
    newTranslationKey: string;
}

/** A copy plan: the entries to create, and every locale they write (for access checks). */
export interface CopyPlan {
    entries: { locale?: string; fields: LocalizedFields }[];
    localesWritten: string[];
}

/** Contentful's length limit of a Symbol value. */
const SYMBOL_MAX_LENGTH = 256;

/** `-20261124T101500` (UTC): valid in slugs, titles and URLs, sorts by time. */
export function copySuffix(now: Date): string {
    const iso = now.toISOString(); // 2026-11-24T10:15:00.000Z
    return `-${iso.slice(0, 10).replace(/-/g, '')}T${iso.slice(11, 19).replace(/:/g, '')}`;
}

type ContentTypeField = CopyContentType['fields'][number];

function maxLengthOf(field: ContentTypeField): number | undefined {
    const sizeMax = (field.validations ?? []).map((validation) => validation.size?.max).find((max) => typeof max === 'number');
    if (field.type === 'Symbol') return Math.min(sizeMax ?? SYMBOL_MAX_LENGTH, SYMBOL_MAX_LENGTH);
    return sizeMax;
}

/** Appends the suffix to a string value, shortening the value when a length limit requires it. */
function withSuffix(value: unknown, suffix: string, field: ContentTypeField): unknown {
    if (typeof value !== 'string' || value === '') return value;
    const max = maxLengthOf(field);
    const base = max !== undefined && value.length + suffix.length > max ? value.slice(0, Math.max(0, max - suffix.length)) : value;
    return `${base}${suffix}`;
}

/** The fields that must differ from the original: the display field and `unique` fields. */
function fieldsToSuffix(contentType: CopyContentType, exclude: string[]): ContentTypeField[] {
    return contentType.fields.filter(
        (field) => !exclude.includes(field.id) && (field.id === contentType.displayField || (field.validations ?? []).some((validation) => validation.unique === true))
    );
}

function applySuffix(fields: LocalizedFields, toSuffix: ContentTypeField[], suffix: string): void {
    for (const field of toSuffix) {
        const values = fields[field.id];
        if (!values) continue;
        for (const locale of Object.keys(values)) values[locale] = withSuffix(values[locale], suffix, field);
    }
}

/** `[locale, ...its fallback chain up to and including the default locale]`, enabled locales only. */
function hierarchyOf(locale: string, locales: LocaleContext): string[] {
    const chain = [locale];
    if (locale !== locales.defaultLocale) {
        for (const next of locales.fallbackChains[locale] ?? []) {
            if (chain.includes(next)) break;
            chain.push(next);
            if (next === locales.defaultLocale) break;
        }
    }
    return chain.filter((code) => locales.enabled.includes(code));
}

/** A deep copy of `fields` keeping only the given locale keys; fields left empty are dropped. */
function pickLocales(fields: LocalizedFields, keep: (locale: string) => boolean): LocalizedFields {
    const picked: LocalizedFields = {};
    for (const [fieldId, values] of Object.entries(fields)) {
        if (!values || typeof values !== 'object') continue;
        const kept = _.pickBy(values, (_value, locale) => keep(locale));
        if (!_.isEmpty(kept)) picked[fieldId] = _.cloneDeep(kept);
    }
    return picked;
}

function contentTypeName(contentType: CopyContentType): string {
    return contentType.name ? `${contentType.name} (${contentType.sys.id})` : contentType.sys.id;
}

function planObjectLevel(input: CopyPlanInput, group: NonNullable<CopyPlanInput['objectLevel']>): CopyPlan {
    const { locales } = input;
    const defaultLocale = locales.defaultLocale;
    const candidates = input.scope === 'current-locale' ? hierarchyOf(input.locale, locales) : locales.enabled;
    const copied = candidates.filter((locale) => group.variants[locale] !== undefined);
    if (copied.length === 0) {
        const where = input.scope === 'current-locale' ? `${input.locale} or its fallback locales (${candidates.join(', ')})` : `any enabled locale (${locales.enabled.join(', ')})`;
        const members = Object.entries(group.variants).map(([code, variant]) => `"${variant.id}" (${code})`).join(', ');
        throw new LocalizationError(`Cannot copy ${contentTypeName(input.contentType)}: the translation group of ${members || 'this document'} has no variant in ${where}`);
    }
    const master = group.variants[defaultLocale];
    const suffix = copySuffix(input.now);
    const toSuffix = fieldsToSuffix(input.contentType, [group.localeField, group.translationKeyField]);
    const fieldIds = input.contentType.fields.map((field) => field.id);
    const isEnabled = (key: string) => locales.enabled.includes(key);
    const entries = copied.map((locale) => {
        // Fields the content type does not have would make Contentful refuse the new entry.
        const fields = pickLocales(_.pick(group.variants[locale]!.fields, fieldIds), isEnabled);
        if (master && locale !== defaultLocale) {
            for (const fieldId of group.sharedFields) {
                const fromMaster = pickLocales(_.pick(master.fields, fieldId), isEnabled)[fieldId];
                if (fromMaster) fields[fieldId] = fromMaster;
                else delete fields[fieldId];
            }
        }
        fields[group.localeField] = { [defaultLocale]: locale };
        fields[group.translationKeyField] = { [defaultLocale]: input.newTranslationKey };
        applySuffix(fields, toSuffix, suffix);
        return { locale, fields };
    });
    return { entries, localesWritten: copied };
}

function planFieldLevel(input: CopyPlanInput, entry: NonNullable<CopyPlanInput['entry']>): CopyPlan {
    const { locales } = input;
    const defaultLocale = locales.defaultLocale;
    const copiedLocales = input.scope === 'current-locale' ? hierarchyOf(input.locale, locales) : locales.enabled;
    const fields: LocalizedFields = {};
    const written = new Set<string>();
    for (const field of input.contentType.fields) {
        const values = entry.fields[field.id];
        if (!values || typeof values !== 'object') continue;
        if (field.localized) {
            const kept = pickLocales({ [field.id]: values }, (locale) => copiedLocales.includes(locale))[field.id];
            if (kept) {
                fields[field.id] = kept;
                Object.keys(kept).forEach((locale) => written.add(locale));
            }
        } else if (values[defaultLocale] !== undefined) {
            // Non-localized fields come from the master (default locale) only.
            fields[field.id] = { [defaultLocale]: _.cloneDeep(values[defaultLocale]) };
        }
    }
    applySuffix(fields, fieldsToSuffix(input.contentType, []), copySuffix(input.now));
    const localesWritten = copiedLocales.filter((locale) => written.has(locale));
    return { entries: [{ fields }], localesWritten: localesWritten.length > 0 ? localesWritten : [defaultLocale] };
}

/**
 * Plans a copy of an entry (field-level) or of a translation group (object-level).
 *
 * @returns the entries to create (object-level: one per copied variant, each with its locale, its
 *   locale field and the new translation key) and `localesWritten`, every locale whose content the
 *   copy writes, so the adapter can check access for each before writing anything. Non-localized
 *   fields, written under the default locale as in any create, do not count unless nothing else is
 *   written.
 * @throws LocalizationError when the current locale is not enabled, when neither `objectLevel`
 *   nor `entry` is given, or when there is no variant to copy.
 */
export function planCopy(input: CopyPlanInput): CopyPlan {
    if (!input.locales.enabled.includes(input.locale)) {
        throw new LocalizationError(
            `Cannot copy ${contentTypeName(input.contentType)} in locale "${input.locale}": it is not an enabled locale (enabled: ${input.locales.enabled.join(', ')})`
        );
    }
    if (input.objectLevel) return planObjectLevel(input, input.objectLevel);
    if (input.entry) return planFieldLevel(input, input.entry);
    throw new LocalizationError(`Cannot copy ${contentTypeName(input.contentType)}: give the translation group (objectLevel) or the entry (entry) to copy`);
}
