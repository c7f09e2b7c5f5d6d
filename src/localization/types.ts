/**
 * Plain data the localization rules work on. Everything in `src/localization/` is pure: these
 * types in, decisions and plans out, no I/O.
 */
import type { UserSSOProfile } from '@stackbit/types';
import type { LocaleGrant } from '../options.js';

/** One space locale as the adapter sees it (public: returned by `getLocales()`). */
export interface LocaleInfo {
    code: string;
    name: string;
    /** The space's default locale. */
    default: boolean;
    /** The next locale in the fallback chain (Contentful `fallbackCode`), or null. */
    fallback: string | null;
    /** Enabled for this project (the `locales` option), and editable (`contentManagementApi`). */
    enabled: boolean;
}

/** Resolved locales of a project: what every rule needs to know about locales. */
export interface LocaleContext {
    /** Every space locale, default first. */
    locales: LocaleInfo[];
    /** Code of the space's default locale. */
    defaultLocale: string;
    /** Codes of the enabled locales, default first. */
    enabled: string[];
    /** Fallback chain per locale code, excluding the locale itself, e.g. `fr-CA → ['fr', 'en-US']`. */
    fallbackChains: Record<string, string[]>;
}

/** How one model (content type) is localized. */
export interface ModelLocalization {
    modelName: string;
    /** Object-level: one entry per locale. */
    objectLevel: boolean;
    /** Fields Contentful marks `localized` (values per locale). */
    localizedFields: string[];
    /** Fields Contentful does not localize (stored under the default locale only). */
    nonLocalizedFields: string[];
    /** Object-level only: fields shared by every variant of a translation group. */
    sharedFields: string[];
    /** Object-level only: the field holding the locale. */
    localeField?: string;
    /** Object-level only: the field holding the translation key. */
    translationKeyField?: string;
}

/**
 * A user, normalised from either shape the engine passes: the engine user
 * (`{ id, name, email, role, sso, connections[] }`) or the merged per-source user context
 * (`{ name, email, role, sso, ...connection }`).
 */
export interface UserIdentity {
    email?: string;
    name?: string;
    role?: string;
    sso?: UserSSOProfile;
}

/** The editor's locale switcher: Global (no specific locale) or Specific (one locale). */
export type LocaleMode = { kind: 'global' } | { kind: 'specific'; locale: string };

/** What a user is allowed, after matching the access rules. */
export interface ResolvedGrant {
    /** `'*'` (global) or the granted enabled locales. */
    locales: LocaleGrant;
    /** Which rule matched (index into `access.rules`), or `'default'`, or `'no-user'`. */
    source: number | 'default' | 'no-user';
}

/** The actions access rules decide on. */
export type AccessAction =
    | 'view'
    | 'create'
    | 'update'
    | 'delete'
    | 'archive'
    | 'unarchive'
    | 'publish'
    | 'unpublish'
    | 'upload-asset'
    | 'update-asset';

/** An access decision with its reason (for errors and the explain API). */
export interface AccessDecision {
    allowed: boolean;
    /** Why, in a sentence a site developer can act on. */
    reason: string;
}

/** A problem found in the data or the configuration that did not stop the adapter. */
export interface Diagnostic {
    kind:
        | 'locale-missing'
        | 'locale-not-enabled'
        | 'fallback-cycle'
        | 'fallback-dangling'
        | 'unknown-locale-key'
        | 'nonlocalized-value-outside-default'
        | 'unknown-content-type'
        | 'unprocessed-asset'
        | 'other';
    message: string;
    documentId?: string;
    locale?: string;
    field?: string;
}
