/**
 * Localized assets (SPEC §8), pure: which file, title and description a locale shows. One asset
 * record holds a file per locale; a locale without its own file shows the file of the nearest
 * locale of its fallback chain, the way Contentful's delivery API falls back, so a page never
 * shows a blank image where a fallback exists.
 */
import type { Asset, AssetFileFieldProps, DocumentStringLikeFieldForType } from '@stackbit/types';
import { fallbackChain } from './locales.js';
import type { LocaleContext } from './types.js';

/** The file a locale shows, and the locale it comes from. */
export interface ResolvedAssetFile extends AssetFileFieldProps {
    /** The locale that owns the file: the asked locale itself, or one of its fallback chain. */
    from: string;
}

/** An asset's title, description and file as one locale shows them. */
export interface ResolvedAsset {
    id: string;
    locale: string;
    file?: ResolvedAssetFile;
    title?: { value: string; from: string };
    description?: { value: string; from: string };
}

type TextField = DocumentStringLikeFieldForType<'string'> | DocumentStringLikeFieldForType<'text'> | undefined;

/** The per-locale props of a field, whether it arrives localized (`locales`) or not (default locale only). */
function localeProps<T>(field: { localized?: boolean; locales?: Record<string, T> } | undefined, locale: string, defaultLocale: string, plain: () => T | undefined): T | undefined {
    if (!field) return undefined;
    if (field.localized === true) return field.locales?.[locale];
    return locale === defaultLocale ? plain() : undefined;
}

/** A file counts when it has a URL: an upload that was never processed is not shown by Contentful either. */
function hasFile(props: AssetFileFieldProps | undefined): props is AssetFileFieldProps {
    return props !== undefined && typeof props.url === 'string' && props.url !== '';
}

/**
 * The file `locale` shows: its own, else the file of the nearest locale of its fallback chain.
 *
 * @param asset - an asset as the adapter returns it (`fields.file` localized).
 * @param locale - any space locale; a locale the context does not know has no chain.
 * @returns the file props plus `from` (the locale owning the file), or `undefined` when neither
 *   the locale nor any locale of its chain has a processed file.
 */
export function resolveAssetFile(asset: Pick<Asset, 'fields'>, locale: string, locales: LocaleContext): ResolvedAssetFile | undefined {
    const file = asset.fields.file;
    for (const candidate of [locale, ...fallbackChain(locales, locale)]) {
        const props = localeProps<AssetFileFieldProps>(file, candidate, locales.defaultLocale, () => (file && file.localized !== true ? file : undefined));
        if (hasFile(props)) {
            const { url, fileName, contentType, size, dimensions } = props;
            return { url, fileName, contentType, size, dimensions, from: candidate };
        }
    }
    return undefined;
}

function resolveText(field: TextField, locale: string, locales: LocaleContext): { value: string; from: string } | undefined {
    for (const candidate of [locale, ...fallbackChain(locales, locale)]) {
        const props = localeProps<{ value: string }>(field, candidate, locales.defaultLocale, () => (field && field.localized !== true ? field : undefined));
        if (props && typeof props.value === 'string') return { value: props.value, from: candidate };
    }
    return undefined;
}

/**
 * An asset as `locale` shows it: file, title and description, each resolved along the fallback
 * chain on its own (a locale may have its own title but inherit the file).
 */
export function resolveAsset(asset: Pick<Asset, 'id' | 'fields'>, locale: string, locales: LocaleContext): ResolvedAsset {
    const resolved: ResolvedAsset = { id: asset.id, locale };
    const file = resolveAssetFile(asset, locale, locales);
    if (file) resolved.file = file;
    const title = resolveText(asset.fields.title, locale, locales);
    if (title) resolved.title = title;
    const descriptionField = asset.fields.description;
    const description = descriptionField?.type === 'assetFile' ? undefined : resolveText(descriptionField, locale, locales);
    if (description) resolved.description = description;
    return resolved;
}
