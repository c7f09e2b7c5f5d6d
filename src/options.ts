import type { EntryProps } from 'contentful-management';

/**
 * A locale grant: `'*'` for every locale (a *global* user) or a list of locale codes.
 */
export type LocaleGrant = '*' | string[];

/**
 * One access rule. A user matches the rule when every matcher the rule gives matches
 * (a rule with `emails` and `roles` needs both). The first matching rule wins.
 */
export interface AccessRule {
    /** Email globs, case-insensitive: `'*@acme.fr'`, `'bob@acme.com'`, `'*'`. */
    emails?: string[];
    /** Engine roles (the user's `role`), case-insensitive: `'editor'`, `'admin'`. */
    roles?: string[];
    /**
     * SSO profile attributes: attribute name → accepted value globs. A user matches when, for
     * every listed attribute, one of its values matches one of the globs.
     */
    sso?: Record<string, string | string[]>;
    /** What a matching user is granted. */
    locales: LocaleGrant;
}

/** Locale access control (SPEC §5). */
export interface AccessOptions {
    /** Rules, first match wins. */
    rules?: AccessRule[];
    /** Grant for users no rule matches. Default `'*'`. */
    default?: LocaleGrant;
    /** Refuse writes that carry no user (scripts, local development). Default `false`: no user = global. */
    requireUser?: boolean;
}

/** Object-level localization: one entry per locale (SPEC §2). */
export interface ObjectLevelOptions {
    /** Content type ids whose entries are localized per object. */
    models: string[];
    /** The non-localized Symbol field holding each entry's locale. Default `'locale'`. */
    localeField?: string;
    /** The field whose value is shared by every translation of one document. Default `'translationKey'`. */
    translationKeyField?: string;
    /** Assign the locale from the raw entry instead of `localeField`. Return `undefined` when unknown. */
    getDocumentLocale?: (entry: EntryProps) => string | undefined;
    /**
     * Fields whose value is the same for every variant of a translation group, per content type id:
     * editable only on the default-locale variant and copied to the others on change.
     */
    sharedFields?: Record<string, string[]>;
}

/** How content changes reach the editor. */
export interface SyncOptions {
    /** How often to poll for edits when no webhook delivers them (ms). Default 2000. */
    pollIntervalMs?: number;
    /** How often to check for deletions and content-type changes (ms). Default 15000. */
    deletionCheckIntervalMs?: number;
}

/** Request behaviour towards the Content Management API. */
export interface RequestOptions {
    /** Items per page when loading entries and assets (≤ 1000). Default 1000. */
    pageSize?: number;
    /** Requests in flight at once while loading. Default 4 (Contentful allows ~10/s per space). */
    concurrency?: number;
    /** Retries of a failed request (429, 5xx, dropped connection). Default 5. */
    retryLimit?: number;
    /** First retry delay (ms); doubles per attempt, with jitter. Default 500. */
    retryBaseDelayMs?: number;
    /** Longest retry delay (ms). Default 15000. */
    retryMaxDelayMs?: number;
    /** Longest time to wait for one bulk action to finish (ms). Default 120000. */
    bulkActionTimeoutMs?: number;
    /** Per-request timeout (ms). Default 30000. */
    timeoutMs?: number;
}

/** Options of {@link LocalizedContentfulSource}. */
export interface LocalizedContentfulSourceOptions {
    /** Contentful space id. Falls back to `CONTENTFUL_SPACE_ID`. */
    spaceId?: string;
    /** Environment id or alias. Falls back to `CONTENTFUL_ENVIRONMENT`, then `'master'`. */
    environment?: string;
    /** Content Management API token. Falls back to `CONTENTFUL_MANAGEMENT_TOKEN`. */
    accessToken?: string;
    /** CMA host (a proxy or the bundled emulator), e.g. `'localhost:8787'`. Default `api.contentful.com`. */
    host?: string;
    /** Upload host. Default: `upload.contentful.com`, or `host` when `host` is set. */
    hostUpload?: string;
    /** Use plain HTTP towards `host`. Default `false`. */
    insecure?: boolean;
    /** Enabled locales (the project's subset of the space's locales). Default: every editable locale. */
    locales?: string[];
    /**
     * Project-level fallback chain overrides: locale code → the locale it falls back to (or `null`
     * for none). Without it the space's own `fallbackCode`s apply. A cycle or an unknown code here
     * fails at `init`.
     */
    fallbacks?: Record<string, string | null>;
    /** Object-level localization. */
    objectLevel?: ObjectLevelOptions;
    /** Locale access control. */
    access?: AccessOptions;
    /**
     * Publish field-level documents per locale (Contentful locale-based publishing).
     * `'auto'` (default) detects it from the space's entries (`sys.fieldStatus`).
     */
    localeBasedPublishing?: boolean | 'auto';
    /** Base URL of the Contentful web app, for `manageUrl`s. Default `https://app.contentful.com`. */
    managementAppUrl?: string;
    /** Content update watching. */
    sync?: SyncOptions;
    /** Request behaviour. */
    requests?: RequestOptions;
}
