/**
 * Shapes the emulator stores and serves. Stored entities are kept in Contentful's CMA wire shape so a
 * response is a plain `JSON.stringify` of what is stored (no per-request cloning); the bookkeeping the
 * wire shape has no room for (published snapshot, snapshots, processing state) lives beside it in
 * {@link EntityRecord}.
 */

/** A Contentful link, e.g. `{ sys: { type: 'Link', linkType: 'User', id } }`. */
export interface Link<T extends string = string> {
    sys: { type: 'Link'; linkType: T; id: string };
}

/** A link that also pins a version (bulk publish items). */
export interface VersionedLink<T extends string = string> {
    sys: { type: 'Link'; linkType: T; id: string; version?: number };
}

/** field id → locale code → value. */
export type LocalizedFields = Record<string, Record<string, unknown>>;

/** Per-locale publishing status (`sys.fieldStatus['*']`). */
export type LocaleStatus = 'draft' | 'changed' | 'published';

/**
 * `sys` of a stored entry or asset. Imported entities keep exactly the keys they came with (old
 * recordings lack `environment`, `fieldStatus`, …), so everything but the identity is optional.
 */
export interface StoredSys {
    id: string;
    type: 'Entry' | 'Asset';
    version: number;
    createdAt: string;
    updatedAt: string;
    space?: Link<'Space'>;
    environment?: Link<'Environment'>;
    createdBy?: Link<'User'>;
    updatedBy?: Link<'User'>;
    publishedVersion?: number;
    publishedAt?: string;
    firstPublishedAt?: string;
    publishedBy?: Link<'User'>;
    publishedCounter?: number;
    archivedVersion?: number;
    archivedAt?: string;
    archivedBy?: Link<'User'>;
    fieldStatus?: { '*': Record<string, LocaleStatus> };
    automationTags?: Link<'Tag'>[];
    contentType?: Link<'ContentType'>;
    urn?: string;
    [key: string]: unknown;
}

/** An entry or asset exactly as the CMA serves it. */
export interface WireEntity {
    metadata?: { tags: Link<'Tag'>[]; concepts?: Link<'TaxonomyConcept'>[] };
    sys: StoredSys;
    fields: LocalizedFields;
}

/** A publish snapshot (`GET …/entries/:id/snapshots`). */
export interface WireSnapshot {
    sys: {
        type: 'Snapshot';
        snapshotType: 'publish';
        snapshotEntityType: 'Entry' | 'Asset';
        id: string;
        createdAt: string;
        createdBy?: Link<'User'>;
        updatedAt: string;
        updatedBy?: Link<'User'>;
        space?: Link<'Space'>;
        environment?: Link<'Environment'>;
    };
    snapshot: { sys: StoredSys; fields: LocalizedFields; metadata?: WireEntity['metadata'] };
}

/** Bookkeeping for one stored entry or asset. */
export interface EntityRecord {
    data: WireEntity;
    /**
     * What the delivery API serves: the fields as of the last publish. With locale-based publishing
     * only the published locales are present.
     */
    published?: { fields: LocalizedFields; sys: StoredSys };
    /** Newest first. */
    snapshots: WireSnapshot[];
    /**
     * Asset processing runs "asynchronously" in Contentful: several locales may be processed with the
     * same `X-Contentful-Version` (the SDK's `processForAllLocales` does exactly that). The version
     * the first pending process was accepted for is remembered here until another write happens.
     */
    processingBaseVersion?: number;
}

/** A locale, normalized to the modern CMA shape (legacy `fallback_code` etc. converted). */
export interface WireLocale {
    name: string;
    internal_code?: string;
    code: string;
    fallbackCode: string | null;
    default: boolean;
    contentManagementApi: boolean;
    contentDeliveryApi: boolean;
    optional: boolean;
    sys: { type: 'Locale'; id: string; version: number; [key: string]: unknown };
    [key: string]: unknown;
}

/** One field of a content type. */
export interface WireField {
    id: string;
    name?: string;
    type: string;
    localized?: boolean;
    required?: boolean;
    disabled?: boolean;
    omitted?: boolean;
    linkType?: string;
    items?: { type: string; linkType?: string; validations?: FieldValidation[] };
    validations?: FieldValidation[];
    defaultValue?: Record<string, unknown>;
    [key: string]: unknown;
}

/** The field validations the emulator enforces at publish (others are kept and ignored). */
export interface FieldValidation {
    unique?: boolean;
    in?: unknown[];
    size?: { min?: number; max?: number };
    range?: { min?: number; max?: number };
    regexp?: { pattern: string; flags?: string | null };
    linkContentType?: string[];
    linkMimetypeGroup?: string | string[];
    message?: string | null;
    [key: string]: unknown;
}

/** A content type in CMA shape. */
export interface WireContentType {
    sys: { id: string; type: 'ContentType'; version: number; publishedVersion?: number; [key: string]: unknown };
    displayField?: string | null;
    name: string;
    description?: string;
    fields: WireField[];
    [key: string]: unknown;
}

/** An editor interface in CMA shape. */
export interface WireEditorInterface {
    sys: { id: string; type: 'EditorInterface'; contentType: Link<'ContentType'>; version?: number; [key: string]: unknown };
    controls?: { fieldId: string; widgetId?: string; widgetNamespace?: string; settings?: Record<string, unknown> }[];
    [key: string]: unknown;
}

/** A user (`GET /spaces/:s/users`). */
export interface WireUser {
    sys: { type: 'User'; id: string; version?: number; createdAt?: string; updatedAt?: string; [key: string]: unknown };
    firstName: string;
    lastName: string;
    email: string;
    avatarUrl?: string;
    activated?: boolean;
    signInCount?: number;
    confirmed?: boolean;
    [key: string]: unknown;
}

/** The file a contentful-export run writes (only the parts the emulator reads). */
export interface ContentfulExport {
    locales?: Record<string, unknown>[];
    contentTypes?: Record<string, unknown>[];
    editorInterfaces?: Record<string, unknown>[];
    entries?: Record<string, unknown>[];
    assets?: Record<string, unknown>[];
    users?: Record<string, unknown>[];
    tags?: Record<string, unknown>[];
    webhooks?: Record<string, unknown>[];
    roles?: Record<string, unknown>[];
}

/** Options of {@link EmulatedSpace}. */
export interface EmulatedSpaceOptions {
    /** Default `'space1'`. */
    spaceId?: string;
    /** Default `'master'`. */
    environment?: string;
    /** Accept `{ add | remove: { fields: { '*': [codes] } } }` publish bodies. Default false. */
    localeBasedPublishing?: boolean;
    /** Clock for every timestamp. Default `() => new Date()`. */
    now?: () => Date;
    /** Id generator for new entities. Default: deterministic 22-character base62 ids. */
    idGenerator?: () => string;
    /** Where processed files live. Default `'//images.ctfassets.net'` (`//assets.ctfassets.net` for non-images). */
    assetBaseUrl?: string;
    /** Time between `PUT …/files/:locale/process` and the file's `url` appearing. Default 0. */
    assetProcessingDelayMs?: number;
}

/** A change notification, shaped like the webhook Contentful would send. */
export interface SpaceChange {
    /** e.g. `ContentManagement.Entry.save`. */
    topic: string;
    /** The entity (CMA shape) or, for unpublish/delete, a `DeletedEntry`/`DeletedAsset` stub. */
    payload: Record<string, unknown>;
}
