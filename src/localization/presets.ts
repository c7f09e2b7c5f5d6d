/**
 * Preset locale rules (SPEC §9), pure.
 *
 * Presets live in the space as entries of the `stackbitPreset` model; its `data` field (a JSON
 * Object, or a Symbol/Text holding JSON) holds `{ label, modelName, locale?, data, ... }`. The
 * engine's `createPreset` reaches the content source as `createDocument({ model: stackbitPreset,
 * updateOperationFields: { label, data, thumbnail? } })` — without the editor's locale (the engine
 * defaults it to the default locale) — and `deletePreset` as `deleteDocument`. The engine shows a
 * preset in locale L when it has no locale or its locale is L (all presets in Global mode).
 */
import type { Document, UpdateOperationField } from '@stackbit/types';
import _ from 'lodash';
import { LocalizationError } from '../errors.js';
import { grantedLocales, isGlobalGrant, modeFor } from './access.js';
import type { AccessDecision, ResolvedGrant, UserIdentity } from './types.js';
import { describeUser } from './user.js';

/** The engine's preset model name. */
export const PRESET_MODEL_NAME = 'stackbitPreset';

/** The JSON a preset entry's `data` field holds. */
export interface PresetData {
    label?: string;
    modelName?: string;
    /** The locale the preset is visible in (besides Global mode); none = every locale. */
    locale?: string;
    data?: unknown;
    [key: string]: unknown;
}

/** Where the preset is being saved. */
export interface PresetStampContext {
    grant: ResolvedGrant;
    /** The operation locale (undefined or the default locale = Global mode). */
    locale?: string;
    /** The space's default locale, to tell Global mode from Specific mode. */
    defaultLocale?: string;
    /** The user, for messages. */
    user?: UserIdentity;
}

function parsePreset(preset: PresetData | string): PresetData | undefined {
    if (typeof preset !== 'string') return preset;
    try {
        const parsed: unknown = JSON.parse(preset);
        return _.isPlainObject(parsed) ? (parsed as PresetData) : undefined;
    } catch {
        return undefined;
    }
}

/** The locale of a preset (data object or its JSON string), or undefined. */
export function readPresetLocale(preset: PresetData | string | undefined): string | undefined {
    const parsed = preset === undefined ? undefined : parsePreset(preset);
    return typeof parsed?.locale === 'string' && parsed.locale !== '' ? parsed.locale : undefined;
}

/** The locale a preset must carry after saving, `null` for "leave as is". */
function stampLocale(current: string | undefined, context: PresetStampContext): string | null {
    if (isGlobalGrant(context.grant)) {
        const mode = modeFor(context.grant, context.locale, context.defaultLocale);
        return mode.kind === 'specific' ? mode.locale : null;
    }
    const granted = grantedLocales(context.grant);
    // The editor already writes the switcher's locale into the preset, while the engine passes the
    // default locale as the operation locale, so the preset's own locale comes first.
    if (current !== undefined && granted.includes(current)) return current;
    if (context.locale !== undefined && granted.includes(context.locale)) return context.locale;
    return granted[0] ?? null;
}

/**
 * Stamps a preset with the locale it must be visible in: a restricted user's preset always gets
 * one of their locales (its own locale if granted, else the operation locale if granted, else their
 * first locale); a global user's preset saved in Specific mode L gets L; in Global mode it is left
 * unchanged (no locale = visible to all).
 *
 * @param preset - the preset data, or its JSON string (returned in the same form, as indented JSON).
 * @throws LocalizationError when a restricted user's preset is a string that is not a JSON object
 *   (it could not be stamped, and an unstamped preset would show in every locale).
 */
export function stampPresetLocale<T extends PresetData | string>(preset: T, context: PresetStampContext): T {
    const parsed = parsePreset(preset);
    if (!parsed) {
        if (isGlobalGrant(context.grant)) return preset;
        throw new LocalizationError(`Cannot save the preset of ${describeUser(context.user)}: its data is not a JSON object, so it cannot be limited to ${grantedLocales(context.grant).join(', ')}`);
    }
    const locale = stampLocale(readPresetLocale(parsed), context);
    if (locale === null || locale === parsed.locale) return preset;
    const stamped: PresetData = { ...parsed, locale };
    return (typeof preset === 'string' ? JSON.stringify(stamped, null, 2) : stamped) as T;
}

/**
 * Stamps the `data` field of `createDocument`'s `updateOperationFields` for a `stackbitPreset`
 * (a `json` field holding the object, or a `string`/`text` field holding JSON). Other fields are
 * returned unchanged.
 */
export function stampPresetOperationFields(fields: Record<string, UpdateOperationField>, context: PresetStampContext): Record<string, UpdateOperationField> {
    const data = fields['data'];
    if (!data || !('value' in data)) return fields;
    const value: unknown = data.value;
    if (typeof value !== 'string' && !_.isPlainObject(value)) {
        if (isGlobalGrant(context.grant)) return fields;
        throw new LocalizationError(`Cannot save the preset of ${describeUser(context.user)}: its \`data\` field holds no preset object`);
    }
    return { ...fields, data: { ...data, value: stampPresetLocale(value as PresetData | string, context) } as UpdateOperationField };
}

/**
 * The engine's visibility rule: a preset shows in locale L when it has no locale or its locale is
 * L; with no locale (Global mode) every preset shows.
 */
export function isPresetVisible(preset: PresetData | string, locale?: string): boolean {
    const presetLocale = readPresetLocale(preset);
    return !locale || !presetLocale || presetLocale === locale;
}

/** The locale of a `stackbitPreset` CSI document (from its `data` field), or undefined. */
export function presetLocaleOfDocument(document: Pick<Document, 'fields'>): string | undefined {
    const field = document.fields['data'];
    if (!field) return undefined;
    const values = field.localized ? Object.values(field.locales ?? {}) : [field];
    for (const entry of values) {
        const value: unknown = entry && 'value' in entry ? entry.value : undefined;
        if (typeof value === 'string' || _.isPlainObject(value)) {
            const locale = readPresetLocale(value as PresetData | string);
            if (locale) return locale;
        }
    }
    return undefined;
}

/**
 * Who may save or delete a preset. Presets are not localized content, so the general rules (which
 * make models without localized fields view-only for restricted users) do not apply: a restricted
 * user may create presets (they are stamped with their locale) and update or delete presets of
 * their locales, not presets of other locales nor presets visible in every locale.
 */
export function decidePresetWrite(input: {
    action: 'create' | 'update' | 'delete';
    user: UserIdentity | undefined;
    grant: ResolvedGrant;
    requireUser?: boolean;
    presetId?: string;
    /** The preset's current locale (update / delete). */
    presetLocale?: string;
}): AccessDecision {
    const who = describeUser(input.user);
    if (input.requireUser && !input.user) {
        return { allowed: false, reason: `access.requireUser is set and the call carries no user, so it may not ${input.action} presets` };
    }
    if (isGlobalGrant(input.grant)) return { allowed: true, reason: `${who} has access to every locale` };
    const granted = grantedLocales(input.grant);
    if (input.action === 'create') return { allowed: true, reason: `${who} may save presets; they are visible only in ${granted.join(', ')}` };
    const preset = input.presetId ? `preset "${input.presetId}"` : 'the preset';
    if (input.presetLocale === undefined) {
        return { allowed: false, reason: `${who} may ${input.action} only presets of ${granted.join(', ')}; ${preset} has no locale, so it is shared by every locale` };
    }
    if (!granted.includes(input.presetLocale)) {
        return { allowed: false, reason: `${who} may ${input.action} only presets of ${granted.join(', ')}; ${preset} is ${input.presetLocale}` };
    }
    return { allowed: true, reason: `${who} may ${input.action} presets of ${input.presetLocale}` };
}
