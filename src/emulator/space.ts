/**
 * The state of one emulated Contentful space environment, and the seeding/inspection API tests use.
 * Request handling lives in the route modules; the lifecycle rules (versions, fieldStatus, publish)
 * in `lifecycle.ts`. Everything here is synchronous and in memory.
 */
import _ from 'lodash';
import { isPlainObject, link, normalizeContentType, normalizeEditorInterface, normalizeLocale, normalizeUser, sysId } from './normalize.js';
import { applyPublish, publishRefusal, requireRecord, saveEntity } from './lifecycle.js';
import { QueryCache } from './query.js';
import { hexGenerator, idGenerator, seededRandom } from './random.js';
import { inferLocales, seededRecord } from './seeding.js';
import type {
    ContentfulExport,
    EmulatedSpaceOptions,
    EntityRecord,
    LocalizedFields,
    SpaceChange,
    StoredSys,
    WireContentType,
    WireEditorInterface,
    WireEntity,
    WireLocale,
    WireUser
} from './types.js';

/** Bytes of a stored file (an upload, a processed asset file, a registered remote file). */
export interface StoredFile {
    bytes: Uint8Array;
    contentType: string;
}

/** Input of {@link EmulatedSpace.addEntry} / {@link EmulatedSpace.addAsset}: a CMA-shaped entity, sys optional. */
export interface EntityInput {
    sys?: Partial<StoredSys> & { id?: string };
    fields?: LocalizedFields;
    metadata?: WireEntity['metadata'];
    [key: string]: unknown;
}

/** Options of {@link EmulatedSpace.addEntry} / {@link EmulatedSpace.addAsset}. */
export interface AddEntityOptions {
    /**
     * Keep `sys` exactly as given (only `id`, `type`, `version`, `createdAt`, `updatedAt` are filled
     * when missing). Used for imports, so old recordings are served back with the keys they had.
     * Default false: fill the modern sys (space, environment, users, fieldStatus, urn, …).
     */
    asImported?: boolean;
}

type Kind = 'Entry' | 'Asset';

/** An emulated space with one environment. */
export class EmulatedSpace {
    readonly spaceId: string;
    readonly environment: string;
    /** Whether `PUT …/published` accepts per-locale bodies. */
    localeBasedPublishing: boolean;
    /** Where processed asset files are served from (see {@link setAssetBaseUrl}). */
    assetBaseUrl: string;
    readonly assetProcessingDelayMs: number;
    readonly now: () => Date;
    /** @internal */ readonly newId: () => string;
    /** @internal */ readonly newRequestId: () => string;
    /** @internal */ readonly contentTypes = new Map<string, WireContentType>();
    /** @internal */ readonly editorInterfaces = new Map<string, WireEditorInterface>();
    /** @internal */ readonly entries = new Map<string, EntityRecord>();
    /** @internal */ readonly assets = new Map<string, EntityRecord>();
    /** @internal */ readonly users = new Map<string, WireUser>();
    /** @internal */ readonly files = new Map<string, StoredFile>();
    /** @internal */ readonly remoteFiles = new Map<string, StoredFile>();
    /** @internal */ readonly webhooks = new Map<string, Record<string, unknown>>();
    /** @internal */ readonly tags: Record<string, unknown>[] = [];
    /** @internal */ readonly queryCache = new QueryCache<unknown>();
    private readonly localeList: WireLocale[] = [];
    private readonly revisions: Record<Kind, number> = { Entry: 0, Asset: 0 };
    private readonly orderedCache: Partial<Record<Kind, EntityRecord[]>> = {};
    private baseOrderSorts = 0;
    private readonly listeners = new Set<(change: SpaceChange) => void>();
    private defaultUserId: string | undefined;

    constructor(options: EmulatedSpaceOptions = {}) {
        this.spaceId = options.spaceId ?? 'space1';
        this.environment = options.environment ?? 'master';
        this.localeBasedPublishing = options.localeBasedPublishing ?? false;
        this.now = options.now ?? (() => new Date());
        this.assetBaseUrl = options.assetBaseUrl ?? '//images.ctfassets.net';
        this.assetProcessingDelayMs = options.assetProcessingDelayMs ?? 0;
        const random = seededRandom(0x5eed);
        this.newId = options.idGenerator ?? idGenerator(random);
        this.newRequestId = hexGenerator(random);
    }

    /**
     * A space seeded from a contentful-export file (`{ locales, contentTypes, editorInterfaces,
     * entries, assets, users? }`). Entities keep their sys as exported; legacy locale shapes are
     * normalized. Without locales, the locales are inferred from the field keys (the most used key
     * becomes the default, as non-localized fields live under the default locale).
     */
    static fromExport(exportJson: ContentfulExport, options: EmulatedSpaceOptions = {}): EmulatedSpace {
        const entities = [...(exportJson.entries ?? []), ...(exportJson.assets ?? [])];
        const firstSys = entities.map((entity) => entity.sys).find(isPlainObject);
        const spaceId = options.spaceId ?? sysId(firstSys?.space) ?? undefined;
        const environment = options.environment ?? sysId(firstSys?.environment) ?? undefined;
        const space = new EmulatedSpace({ ...options, spaceId, environment });
        const locales = exportJson.locales?.length ? exportJson.locales : inferLocales(entities);
        for (const locale of locales) {
            space.addLocale(locale);
        }
        for (const user of exportJson.users ?? []) {
            space.addUser(user);
        }
        for (const contentType of exportJson.contentTypes ?? []) {
            space.addContentType(contentType);
        }
        for (const editorInterface of exportJson.editorInterfaces ?? []) {
            space.addEditorInterface(editorInterface);
        }
        space.tags.push(...(exportJson.tags ?? []));
        for (const entry of exportJson.entries ?? []) {
            space.addEntry(entry as EntityInput, { asImported: true });
        }
        for (const asset of exportJson.assets ?? []) {
            space.addAsset(asset as EntityInput, { asImported: true });
        }
        return space;
    }

    // ---- locales, models, users ------------------------------------------------------------

    /** Adds (or replaces, by code) a locale. The first locale, or one flagged `default`, is the default. */
    addLocale(locale: Record<string, unknown>): WireLocale {
        const normalized = normalizeLocale(locale, this.newId);
        if (!isPlainObject(locale.sys)) {
            // A hand-written seed: give it the sys a modern CMA locale has.
            const now = this.timestamp();
            Object.assign(normalized.sys, { ...this.spaceLinks(), createdAt: now, updatedAt: now });
        }
        const existing = this.localeList.findIndex((one) => one.code === normalized.code);
        if (existing >= 0) {
            this.localeList[existing] = normalized;
        } else {
            this.localeList.push(normalized);
        }
        if (normalized.default) {
            this.localeList.forEach((one) => {
                if (one !== normalized) {
                    one.default = false;
                }
            });
        } else if (!this.localeList.some((one) => one.default)) {
            this.localeList[0]!.default = true;
        }
        return normalized;
    }

    /** The space's locales (stored objects; do not mutate). */
    locales(): readonly WireLocale[] {
        return this.localeList;
    }

    /** Codes of every locale, default first. */
    localeCodes(): string[] {
        return _.sortBy(this.localeList, (locale) => (locale.default ? 0 : 1)).map((locale) => locale.code);
    }

    /** The default locale's code. */
    defaultLocale(): string {
        const found = this.localeList.find((locale) => locale.default);
        if (!found) {
            throw new Error(`Contentful emulator: space "${this.spaceId}" has no locales; call addLocale() first`);
        }
        return found.code;
    }

    /** Adds or replaces a content type (CMA shape), and its editor interface when given. */
    addContentType(contentType: Record<string, unknown>, editorInterface?: Record<string, unknown>): WireContentType {
        const normalized = normalizeContentType(contentType);
        this.contentTypes.set(normalized.sys.id, normalized);
        if (editorInterface) {
            this.addEditorInterface(editorInterface, normalized.sys.id);
        }
        this.touch('Entry');
        return normalized;
    }

    /** Adds or replaces an editor interface. */
    addEditorInterface(editorInterface: Record<string, unknown>, contentTypeId?: string): WireEditorInterface {
        const normalized = normalizeEditorInterface(editorInterface, contentTypeId);
        this.editorInterfaces.set(normalized.sys.contentType.sys.id, normalized);
        return normalized;
    }

    /** A content type by id. */
    getContentType(id: string): WireContentType | undefined {
        return this.contentTypes.get(id);
    }

    /** Adds a user (CMA shape, or `{ id, email, firstName?, lastName? }`). The first user is the token's user. */
    addUser(user: Record<string, unknown>): WireUser {
        const normalized = normalizeUser(user, this.newId);
        this.users.set(normalized.sys.id, normalized);
        this.defaultUserId ??= normalized.sys.id;
        return normalized;
    }

    /** The id of the user the access token belongs to (created on demand when no user was added). */
    currentUserId(): string {
        if (!this.defaultUserId) {
            this.addUser({ id: 'emulator-user', email: 'editor@emulator.local', firstName: 'Emulator', lastName: 'Editor' });
        }
        return this.defaultUserId!;
    }

    /** A user id for an `X-Emulator-User` header value: a user id or email; unknown values are used as ids. */
    resolveUserId(idOrEmail: string | null | undefined): string {
        if (!idOrEmail) {
            return this.currentUserId();
        }
        const byEmail = [...this.users.values()].find((user) => user.email.toLowerCase() === idOrEmail.toLowerCase());
        return byEmail?.sys.id ?? idOrEmail;
    }

    // ---- entries and assets ----------------------------------------------------------------

    /** Adds an entry in raw CMA shape; fills the sys it lacks (see {@link AddEntityOptions}). */
    addEntry(entry: EntityInput, options: AddEntityOptions = {}): WireEntity {
        return this.addEntity('Entry', entry, options);
    }

    /** Adds an asset in raw CMA shape; fills the sys it lacks. */
    addAsset(asset: EntityInput, options: AddEntityOptions = {}): WireEntity {
        return this.addEntity('Asset', asset, options);
    }

    /** A copy of an entry as the CMA would serve it, or undefined. */
    getEntry(id: string): WireEntity | undefined {
        return _.cloneDeep(this.entries.get(id)?.data);
    }

    /** A copy of an asset as the CMA would serve it, or undefined. */
    getAsset(id: string): WireEntity | undefined {
        return _.cloneDeep(this.assets.get(id)?.data);
    }

    /** Copies of every entry, in the default order. */
    listEntries(): WireEntity[] {
        return this.orderedRecords('Entry').map((record) => _.cloneDeep(record.data));
    }

    /** Copies of every asset, in the default order. */
    listAssets(): WireEntity[] {
        return this.orderedRecords('Asset').map((record) => _.cloneDeep(record.data));
    }

    /**
     * Saves an entry as a user, exactly like a `PUT` (version +1, fieldStatus, validation), without
     * going through HTTP. `mutate` gets a copy of the fields and returns (or edits) the new ones.
     */
    editEntry(id: string, mutate: (fields: LocalizedFields) => LocalizedFields | void, options: { userId?: string } = {}): WireEntity {
        const record = requireRecord(this, 'Entry', id);
        const copy = _.cloneDeep(record.data.fields);
        const fields = mutate(copy) ?? copy;
        return _.cloneDeep(saveEntity(this, record, { fields }, { userId: options.userId ?? this.currentUserId() }).data);
    }

    /**
     * A concurrent edit by someone else: like {@link editEntry}, as another user (the given one, else
     * the second user added, else `other-user`). The next save with the old version gets a 409.
     */
    editEntryAsAnotherUser(id: string, mutate: (fields: LocalizedFields) => LocalizedFields | void, userId?: string): WireEntity {
        const other = userId ?? [...this.users.keys()].find((candidate) => candidate !== this.currentUserId()) ?? 'other-user';
        return this.editEntry(id, mutate, { userId: other });
    }

    /** Publishes an entry (all locales, or the given ones), validating like the API; throws EmulatorError on refusal. */
    publishEntry(id: string, options: { locales?: string[]; userId?: string } = {}): WireEntity {
        const record = requireRecord(this, 'Entry', id);
        const refusal = publishRefusal(this, record, options.locales ?? 'all');
        if (refusal) {
            throw refusal;
        }
        return _.cloneDeep(applyPublish(this, record, options.locales, { userId: options.userId ?? this.currentUserId() }).data);
    }

    /** What the delivery API would serve for an entry (its published fields), or undefined. */
    getPublishedEntry(id: string): { sys: StoredSys; fields: LocalizedFields } | undefined {
        return _.cloneDeep(this.entries.get(id)?.published);
    }

    /** Registers the bytes behind a URL, so processing an asset whose file has `upload: url` finds them. */
    registerRemoteFile(url: string, bytes: Uint8Array, contentType: string): void {
        this.remoteFiles.set(url, { bytes, contentType });
    }

    /**
     * Moves processed file URLs to a new base (e.g. the emulator's own HTTP server) and uses it for
     * later processing.
     */
    setAssetBaseUrl(baseUrl: string): void {
        const previous = this.assetBaseUrl;
        const rebase = (url: unknown) =>
            typeof url === 'string' && url.startsWith(`${previous}/`) ? `${baseUrl}${url.slice(previous.length)}` : url;
        for (const record of this.assets.values()) {
            for (const container of [record.data.fields, record.published?.fields]) {
                for (const file of Object.values(container?.file ?? {})) {
                    if (isPlainObject(file) && 'url' in file) {
                        file.url = rebase(file.url);
                    }
                }
            }
        }
        this.assetBaseUrl = baseUrl;
        this.touch('Asset');
    }

    /** Listens to changes (webhook-shaped); returns the unsubscribe function. */
    subscribe(listener: (change: SpaceChange) => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    /** Counters for tests: how often the default order was computed and how queries hit the cache. */
    stats(): { baseOrderSorts: number; queryCacheHits: number; queryCacheMisses: number } {
        const { hits, misses } = this.queryCache.stats();
        return { baseOrderSorts: this.baseOrderSorts, queryCacheHits: hits, queryCacheMisses: misses };
    }

    /** The space as a contentful-export file. */
    toExport(): ContentfulExport {
        return _.cloneDeep({
            locales: this.localeList,
            contentTypes: [...this.contentTypes.values()],
            editorInterfaces: [...this.editorInterfaces.values()],
            entries: this.orderedRecords('Entry').map((record) => record.data),
            assets: this.orderedRecords('Asset').map((record) => record.data),
            users: [...this.users.values()],
            tags: this.tags
        }) as unknown as ContentfulExport;
    }

    // ---- internals used by the lifecycle and route modules ---------------------------------

    /** @internal The record map of a kind. */
    records(kind: Kind): Map<string, EntityRecord> {
        return kind === 'Entry' ? this.entries : this.assets;
    }

    /** @internal Data revision of a kind; bumps on every change (query caches key on it). */
    revision(kind: Kind): number {
        return this.revisions[kind];
    }

    /** @internal Records a change: bumps the revision and, when given, notifies listeners. */
    touch(kind: Kind, change?: SpaceChange, membershipChanged = false): void {
        this.revisions[kind] += 1;
        if (membershipChanged) {
            delete this.orderedCache[kind];
        }
        if (change) {
            this.listeners.forEach((listener) => listener(change));
        }
    }

    /**
     * @internal Records in the default order (sys.createdAt, then sys.id). Cached until an entity is
     * added or deleted: updates never change createdAt, so paging needs no sort per request.
     */
    orderedRecords(kind: Kind): EntityRecord[] {
        const cached = this.orderedCache[kind];
        if (cached) {
            return cached;
        }
        this.baseOrderSorts += 1;
        const decorated = [...this.records(kind).values()].map((record) => ({
            record,
            time: Date.parse(record.data.sys.createdAt) || 0,
            id: record.data.sys.id
        }));
        decorated.sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const ordered = decorated.map((entry) => entry.record);
        this.orderedCache[kind] = ordered;
        return ordered;
    }

    /** @internal The `sys.space` / `sys.environment` links new entities get. */
    spaceLinks(): { space: StoredSys['space']; environment: StoredSys['environment'] } {
        return {
            space: link('Space', this.spaceId),
            environment: { sys: { id: this.environment, type: 'Link', linkType: 'Environment' } }
        };
    }

    /** @internal The current time as Contentful writes it. */
    timestamp(): string {
        return this.now().toISOString();
    }

    private addEntity(kind: Kind, input: EntityInput, options: AddEntityOptions): WireEntity {
        const record = seededRecord(this, kind, input, options);
        this.records(kind).set(record.data.sys.id, record);
        this.touch(kind, undefined, true);
        return record.data;
    }
}
