/**
 * Content-update watching: brings every change made outside this editor session (other editors,
 * the Contentful web app, scripts) into the engine.
 *
 * - Edits, publishes, unpublishes, archives: a poll of `sys.updatedAt[gte]=<newest seen>` for
 *   entries and assets (2 requests per interval), skipping versions already known.
 * - Deletions (which the updatedAt poll cannot see): a cheap count check (`limit=1`, ids only)
 *   every `deletionCheckIntervalMs`; only when a count disagrees (after a poll has brought in what
 *   was created meanwhile), the differing creation-time ranges are narrowed down by counts and only
 *   their ids are listed (see deletion-search.ts); without creation times, a scan of every id.
 * - Content-type changes: their versions are compared at the same check; a change invalidates the schema.
 * - Webhooks (when the engine gives a webhook URL): Entry/Asset topics refetch the entity by id,
 *   `delete` reports a deletion, ContentType topics invalidate the schema.
 */
import type { AssetProps, EntryProps } from 'contentful-management';
import pLimit from 'p-limit';
import type { ContentfulConnection } from './client.js';
import { fetchAssets, fetchContentTypes, fetchEntries } from './api.js';
import { creationRangeQuery, locateDifferences, type CreationRange } from './deletion-search.js';

export interface SyncTarget {
    /** Known version of an entry / asset (undefined when unknown). */
    knownEntryVersion(id: string): number | undefined;
    knownAssetVersion(id: string): number | undefined;
    knownEntryIds(): Iterable<string>;
    knownAssetIds(): Iterable<string>;
    knownEntryCount(): number;
    knownAssetCount(): number;
    /** `[id, sys.createdAt]` of what is held, so a deletion search lists only the ranges that differ. */
    knownEntryCreationTimes?(): Iterable<readonly [string, string]>;
    knownAssetCreationTimes?(): Iterable<readonly [string, string]>;
    /** Changed or new entities, and deleted ids. Awaited, so changes are applied in order. */
    applyChanges(changes: { entries: EntryProps[]; assets: AssetProps[]; deletedEntryIds: string[]; deletedAssetIds: string[] }): Promise<void>;
    /** A content type was created, changed or deleted. */
    invalidateSchema(): Promise<void>;
}

export interface SyncOptions {
    pollIntervalMs: number;
    deletionCheckIntervalMs: number;
    /** Poll for edits (false when webhooks deliver them). */
    pollEdits: boolean;
    concurrency: number;
    onError: (error: unknown, what: string) => void;
}

const SYS_ONLY = 'sys.id,sys.type,sys.version';

type EntityType = 'Entry' | 'Asset';
type EntityOf<K extends EntityType> = K extends 'Entry' ? EntryProps : AssetProps;

/** The collection fetcher of one entity type, typed by it. */
function fetcherFor<K extends EntityType>(type: K): (conn: ContentfulConnection, query: Record<string, string | number>) => Promise<{ total: number; items: EntityOf<K>[] }> {
    return (type === 'Entry' ? fetchEntries : fetchAssets) as never;
}

/** Watches one space environment for changes. */
export class ContentWatcher {
    private newestEntryUpdate = '';
    private newestAssetUpdate = '';
    private contentTypeVersions: Map<string, number> | undefined;
    private pollTimer: NodeJS.Timeout | undefined;
    private checkTimer: NodeJS.Timeout | undefined;
    private running: Promise<void> = Promise.resolve();

    constructor(
        private readonly conn: ContentfulConnection,
        private readonly target: SyncTarget,
        private options: SyncOptions
    ) {}

    /** Records the newest `updatedAt` seen while loading, so polling starts from there. */
    noteEntries(entries: readonly EntryProps[]): void {
        for (const entry of entries) {
            if (entry.sys.updatedAt > this.newestEntryUpdate) this.newestEntryUpdate = entry.sys.updatedAt;
        }
    }

    noteAssets(assets: readonly AssetProps[]): void {
        for (const asset of assets) {
            if (asset.sys.updatedAt > this.newestAssetUpdate) this.newestAssetUpdate = asset.sys.updatedAt;
        }
    }

    noteContentTypes(versions: Map<string, number>): void {
        this.contentTypeVersions = versions;
    }

    start(): void {
        this.stop();
        if (this.options.pollEdits) {
            this.pollTimer = setInterval(() => this.serialize(() => this.pollEdits(), 'poll for edits'), this.options.pollIntervalMs);
            this.pollTimer.unref?.();
        }
        this.checkTimer = setInterval(
            () => this.serialize(() => this.checkDeletionsAndSchema(), 'check for deletions'),
            this.options.deletionCheckIntervalMs
        );
        this.checkTimer.unref?.();
    }

    /** Switches edit polling on or off (on when webhooks turn out not to be available), keeping the watcher running if it was. */
    setPollEdits(pollEdits: boolean): void {
        const running = this.checkTimer !== undefined;
        this.options = { ...this.options, pollEdits };
        if (running) this.start();
    }

    stop(): void {
        clearInterval(this.pollTimer);
        clearInterval(this.checkTimer);
        this.pollTimer = undefined;
        this.checkTimer = undefined;
    }

    /** Runs one job after the previous one, so a slow poll never overlaps the next. */
    private serialize(job: () => Promise<void>, what: string): Promise<void> {
        this.running = this.running.then(job).catch((error) => this.options.onError(error, what));
        return this.running;
    }

    /** One poll for edits of entries and assets (2 requests when nothing changed). */
    async pollEdits(): Promise<void> {
        const [entries, assets] = await Promise.all([
            this.fetchUpdatedSince('Entry', this.newestEntryUpdate),
            this.fetchUpdatedSince('Asset', this.newestAssetUpdate)
        ]);
        this.noteEntries(entries);
        this.noteAssets(assets);
        const changedEntries = entries.filter((e) => this.target.knownEntryVersion(e.sys.id) !== e.sys.version);
        const changedAssets = assets.filter((a) => this.target.knownAssetVersion(a.sys.id) !== a.sys.version);
        if (changedEntries.length > 0 || changedAssets.length > 0) {
            await this.target.applyChanges({ entries: changedEntries, assets: changedAssets, deletedEntryIds: [], deletedAssetIds: [] });
        }
    }

    private async fetchUpdatedSince<K extends EntityType>(type: K, since: string): Promise<EntityOf<K>[]> {
        const items: EntityOf<K>[] = [];
        const fetchPage = fetcherFor(type);
        for (let skip = 0; ; ) {
            const query: Record<string, string | number> = { order: 'sys.updatedAt', limit: 1000, skip };
            if (since) query['sys.updatedAt[gte]'] = since;
            const page = await fetchPage(this.conn, query);
            items.push(...page.items);
            skip += page.items.length;
            if (page.items.length === 0 || skip >= page.total) break;
        }
        return items;
    }

    /** Count check for deletions (and a schema check); searches ids only when counts disagree. */
    async checkDeletionsAndSchema(): Promise<void> {
        if (this.options.pollEdits) {
            // Creations since the last poll would hide a deletion behind an unchanged count: bring them in first.
            await this.pollEdits();
        }
        const [entryCount, assetCount, contentTypes] = await Promise.all([
            fetchEntries(this.conn, { limit: 1, select: SYS_ONLY }),
            fetchAssets(this.conn, { limit: 1, select: SYS_ONLY }),
            fetchContentTypes(this.conn, { select: SYS_ONLY })
        ]);
        const versions = new Map(contentTypes.items.map((ct) => [ct.sys.id, ct.sys.version]));
        if (this.contentTypeVersions && !sameVersions(this.contentTypeVersions, versions)) {
            this.contentTypeVersions = versions;
            await this.target.invalidateSchema();
        }
        this.contentTypeVersions ??= versions;
        const [entryScan, assetScan] = await Promise.all([
            entryCount.total !== this.target.knownEntryCount() ? this.locateDifferences('Entry', entryCount.total) : undefined,
            assetCount.total !== this.target.knownAssetCount() ? this.locateDifferences('Asset', assetCount.total) : undefined
        ]);
        const deletedEntryIds = entryScan?.missing ?? [];
        const deletedAssetIds = assetScan?.missing ?? [];
        const entries = entryScan ? await this.fetchByIds('Entry', entryScan.unknown) : [];
        const assets = assetScan ? await this.fetchByIds('Asset', assetScan.unknown) : [];
        if (deletedEntryIds.length || deletedAssetIds.length || entries.length || assets.length) {
            await this.target.applyChanges({
                entries,
                assets,
                deletedEntryIds,
                deletedAssetIds
            });
        }
    }

    /** Known ids the space no longer has, and ids the adapter does not know: by creation-time ranges when it can. */
    private async locateDifferences(type: EntityType, total: number): Promise<{ missing: string[]; unknown: string[] }> {
        const times = type === 'Entry' ? this.target.knownEntryCreationTimes?.() : this.target.knownAssetCreationTimes?.();
        if (!times) {
            const scan = await this.scanIds(type, total);
            return { missing: missingFrom(type === 'Entry' ? this.target.knownEntryIds() : this.target.knownAssetIds(), scan.ids), unknown: scan.unknown };
        }
        const fetchPage = fetcherFor(type);
        const listRange = async (range: CreationRange): Promise<string[]> => {
            const ids: string[] = [];
            for (let skip = 0; ; ) {
                const page = await fetchPage(this.conn, { ...creationRangeQuery(range), select: 'sys.id', order: 'sys.createdAt,sys.id', limit: 1000, skip });
                for (const item of page.items) ids.push(item.sys.id);
                skip += page.items.length;
                if (page.items.length === 0 || skip >= page.total) return ids;
            }
        };
        return locateDifferences({
            known: Array.from(times, ([id, createdAt]) => ({ id, createdAt })),
            remoteTotal: total,
            countRange: async (range) => (await fetchPage(this.conn, { ...creationRangeQuery(range), select: 'sys.id', limit: 1 })).total,
            listRange,
            pageSize: 1000,
            concurrency: this.options.concurrency
        });
    }

    /** Every id in the space (ids only), and the ids this adapter does not know yet. */
    private async scanIds(type: EntityType, total: number): Promise<{ ids: Set<string>; unknown: string[] }> {
        const fetchPage = fetcherFor(type);
        const limit = pLimit(this.options.concurrency);
        const pages = [];
        for (let skip = 0; skip < total; skip += 1000) {
            pages.push(limit(() => fetchPage(this.conn, { select: 'sys.id', order: 'sys.createdAt,sys.id', limit: 1000, skip })));
        }
        const ids = new Set<string>();
        for (const page of await Promise.all(pages)) {
            for (const item of page.items) ids.add(item.sys.id);
        }
        const known = type === 'Entry' ? this.target.knownEntryVersion.bind(this.target) : this.target.knownAssetVersion.bind(this.target);
        return { ids, unknown: [...ids].filter((id) => known(id) === undefined) };
    }

    /** Fetches entities by id, 100 ids per request (URL length). */
    async fetchByIds<K extends EntityType>(type: K, ids: readonly string[]): Promise<EntityOf<K>[]> {
        const fetchPage = fetcherFor(type);
        const limit = pLimit(this.options.concurrency);
        const chunks = [];
        for (let i = 0; i < ids.length; i += 100) {
            const chunk = ids.slice(i, i + 100);
            chunks.push(limit(() => fetchPage(this.conn, { 'sys.id[in]': chunk.join(','), limit: 100 })));
        }
        return (await Promise.all(chunks)).flatMap((page) => page.items);
    }

    /**
     * Handles a Contentful webhook call. Returns what it did, for logging. The payload is not trusted
     * (it is unsigned here): entities are refetched by id.
     */
    async handleWebhook(payload: unknown, headers: Record<string, string>): Promise<string> {
        const topic = headerValue(headers, 'x-contentful-topic') ?? '';
        const [, type, action] = topic.split('.');
        const sys = (payload as { sys?: { id?: string; environment?: { sys?: { id?: string } } } } | undefined)?.sys;
        const environment = sys?.environment?.sys?.id;
        if (environment && environment !== this.conn.environment) {
            return `ignored ${topic}: environment "${environment}"`;
        }
        if (type === 'ContentType') {
            await this.target.invalidateSchema();
            return `schema invalidated by ${topic}`;
        }
        if ((type !== 'Entry' && type !== 'Asset') || !sys?.id) {
            return `ignored ${topic || 'a call without X-Contentful-Topic'}`;
        }
        if (action === 'delete') {
            await this.target.applyChanges({
                entries: [],
                assets: [],
                deletedEntryIds: type === 'Entry' ? [sys.id] : [],
                deletedAssetIds: type === 'Asset' ? [sys.id] : []
            });
            return `${type} "${sys.id}" deleted`;
        }
        const fetched: (EntryProps | AssetProps)[] = await this.fetchByIds(type, [sys.id]);
        await this.target.applyChanges({
            entries: type === 'Entry' ? (fetched as EntryProps[]) : [],
            assets: type === 'Asset' ? (fetched as AssetProps[]) : [],
            deletedEntryIds: type === 'Entry' && fetched.length === 0 ? [sys.id] : [],
            deletedAssetIds: type === 'Asset' && fetched.length === 0 ? [sys.id] : []
        });
        return `${type} "${sys.id}" refreshed after ${action}`;
    }

    /** Waits for the job in progress (tests, destroy). */
    async idle(): Promise<void> {
        await this.running;
    }
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
    return key ? headers[key] : undefined;
}

function sameVersions(a: Map<string, number>, b: Map<string, number>): boolean {
    if (a.size !== b.size) return false;
    for (const [id, version] of a) {
        if (b.get(id) !== version) return false;
    }
    return true;
}

function missingFrom(known: Iterable<string>, remote: Set<string>): string[] {
    const missing: string[] = [];
    for (const id of known) {
        if (!remote.has(id)) missing.push(id);
    }
    return missing;
}
