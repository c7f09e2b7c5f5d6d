/**
 * One small function per Content Management API call. Each goes through `connection.call`, so it
 * retries transient failures and fails with a ContentfulRequestError naming the call.
 */
import type {
    AssetProps,
    BulkActionProps,
    CollectionProp,
    ContentTypeProps,
    EditorInterfaceProps,
    EntryProps,
    LocaleProps,
    SnapshotProps,
    UserProps,
    WebhookProps
} from 'contentful-management';
import type { ContentfulConnection } from './client.js';
import type { LocalizedFields } from './types.js';

type Query = Record<string, string | number | boolean>;
type Metadata = EntryProps['metadata'];

// ---------- metadata ----------

export function fetchLocales(conn: ContentfulConnection): Promise<CollectionProp<LocaleProps>> {
    return conn.call('GET locales', (c) => c.locale.getMany({ query: { limit: 1000 } }));
}

export function fetchContentTypes(conn: ContentfulConnection, query: Query = {}): Promise<CollectionProp<ContentTypeProps>> {
    return conn.call('GET content types', (c) => c.contentType.getMany({ query: { limit: 1000, ...query } }));
}

export function fetchEditorInterfaces(conn: ContentfulConnection): Promise<CollectionProp<EditorInterfaceProps>> {
    return conn.call('GET editor interfaces', (c) => c.editorInterface.getMany({}));
}

export function fetchSpaceUsers(conn: ContentfulConnection): Promise<CollectionProp<UserProps>> {
    return conn.call('GET space users', (c) => c.user.getManyForSpace({ spaceId: conn.spaceId, query: { limit: 1000 } }));
}

export function fetchCurrentUser(conn: ContentfulConnection): Promise<UserProps> {
    return conn.call('GET current user', (c) => c.user.getCurrent({}));
}

// ---------- entries ----------

export function fetchEntries(conn: ContentfulConnection, query: Query): Promise<CollectionProp<EntryProps>> {
    return conn.call(`GET entries (skip ${query.skip ?? 0})`, (c) => c.entry.getMany({ query }));
}

export function getEntry(conn: ContentfulConnection, entryId: string): Promise<EntryProps> {
    return conn.call(`GET entry "${entryId}"`, (c) => c.entry.get({ entryId }));
}

/** Creates an entry with an id chosen here, so a retried create cannot make a duplicate. */
export function createEntryWithId(
    conn: ContentfulConnection,
    options: { entryId: string; contentTypeId: string; fields: LocalizedFields; metadata?: Metadata }
): Promise<EntryProps> {
    const body = options.metadata ? { fields: options.fields, metadata: options.metadata } : { fields: options.fields };
    return conn.call(`create entry "${options.entryId}" of "${options.contentTypeId}"`, (c) =>
        c.entry.createWithId({ entryId: options.entryId, contentTypeId: options.contentTypeId }, body)
    );
}

/** Saves `fields` over the entry at `version` (409 VersionMismatch when someone saved meanwhile). */
export function updateEntry(conn: ContentfulConnection, entry: EntryProps, fields: LocalizedFields): Promise<EntryProps> {
    return conn.call(`update entry "${entry.sys.id}"`, (c) => c.entry.update({ entryId: entry.sys.id }, { ...entry, fields }));
}

export function deleteEntry(conn: ContentfulConnection, entryId: string): Promise<unknown> {
    return conn.call(`delete entry "${entryId}"`, (c) => c.entry.delete({ entryId }));
}

/** Publishes the entry at its version; with `locales`, only those locales (locale-based publishing). */
export function publishEntry(conn: ContentfulConnection, entry: EntryProps, locales?: string[]): Promise<EntryProps> {
    const what = locales ? ` (${locales.join(', ')})` : '';
    return conn.call(`publish entry "${entry.sys.id}"${what}`, (c) => c.entry.publish({ entryId: entry.sys.id, locales }, entry));
}

export function unpublishEntry(conn: ContentfulConnection, entry: EntryProps, locales?: string[]): Promise<EntryProps> {
    const what = locales ? ` (${locales.join(', ')})` : '';
    return conn.call(`unpublish entry "${entry.sys.id}"${what}`, (c) =>
        locales ? c.entry.unpublish({ entryId: entry.sys.id, locales }, entry) : c.entry.unpublish({ entryId: entry.sys.id })
    );
}

export function archiveEntry(conn: ContentfulConnection, entryId: string): Promise<EntryProps> {
    return conn.call(`archive entry "${entryId}"`, (c) => c.entry.archive({ entryId }));
}

export function unarchiveEntry(conn: ContentfulConnection, entryId: string): Promise<EntryProps> {
    return conn.call(`unarchive entry "${entryId}"`, (c) => c.entry.unarchive({ entryId }));
}

export function fetchEntrySnapshots(conn: ContentfulConnection, entryId: string): Promise<CollectionProp<SnapshotProps<EntryProps>>> {
    return conn.call(`GET snapshots of entry "${entryId}"`, (c) => c.snapshot.getManyForEntry({ entryId, query: { limit: 1000 } }));
}

export function fetchEntrySnapshot(conn: ContentfulConnection, entryId: string, snapshotId: string): Promise<SnapshotProps<EntryProps>> {
    return conn.call(`GET snapshot "${snapshotId}" of entry "${entryId}"`, (c) => c.snapshot.getForEntry({ entryId, snapshotId }));
}

// ---------- assets ----------

export function fetchAssets(conn: ContentfulConnection, query: Query): Promise<CollectionProp<AssetProps>> {
    return conn.call(`GET assets (skip ${query.skip ?? 0})`, (c) => c.asset.getMany({ query }));
}

export function getAsset(conn: ContentfulConnection, assetId: string): Promise<AssetProps> {
    return conn.call(`GET asset "${assetId}"`, (c) => c.asset.get({ assetId }));
}

export function createAssetWithId(conn: ContentfulConnection, assetId: string, fields: AssetProps['fields']): Promise<AssetProps> {
    return conn.call(`create asset "${assetId}"`, (c) => c.asset.createWithId({ assetId }, { fields }));
}

export function updateAsset(conn: ContentfulConnection, asset: AssetProps, fields: AssetProps['fields']): Promise<AssetProps> {
    return conn.call(`update asset "${asset.sys.id}"`, (c) => c.asset.update({ assetId: asset.sys.id }, { ...asset, fields }));
}

/** Uploads bytes to the upload host; the returned id goes into `file.uploadFrom`. */
export function createUpload(conn: ContentfulConnection, bytes: Buffer): Promise<{ sys: { id: string } }> {
    // The SDK types want an ArrayBuffer; hand it exactly the bytes of this Buffer.
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return conn.call('upload file', (c) => c.upload.create({}, { file }));
}

/**
 * Asks Contentful to process one locale's file; processing runs in the background (poll the asset
 * until the locale's file has a `url`). Not the SDK's `processForLocale`: when one of its checks
 * fails (a 5xx, a dropped connection) its promise never settles, and its checks are not retried.
 */
export function requestAssetProcessing(conn: ContentfulConnection, asset: AssetProps, locale: string): Promise<unknown> {
    const path = `/spaces/${conn.spaceId}/environments/${conn.environment}/assets/${encodeURIComponent(asset.sys.id)}/files/${encodeURIComponent(locale)}/process`;
    return conn.call(`process file of asset "${asset.sys.id}" in "${locale}"`, (c) => c.raw.put(path, null, { headers: { 'X-Contentful-Version': asset.sys.version } }));
}

export function publishAsset(conn: ContentfulConnection, asset: AssetProps, locales?: string[]): Promise<AssetProps> {
    return conn.call(`publish asset "${asset.sys.id}"`, (c) => c.asset.publish({ assetId: asset.sys.id, locales }, asset));
}

export function unpublishAsset(conn: ContentfulConnection, asset: AssetProps, locales?: string[]): Promise<AssetProps> {
    return conn.call(`unpublish asset "${asset.sys.id}"`, (c) =>
        locales ? c.asset.unpublish({ assetId: asset.sys.id, locales }, asset) : c.asset.unpublish({ assetId: asset.sys.id })
    );
}

export function deleteAsset(conn: ContentfulConnection, assetId: string): Promise<unknown> {
    return conn.call(`delete asset "${assetId}"`, (c) => c.asset.delete({ assetId }));
}

// ---------- bulk actions ----------

function envParams(conn: ContentfulConnection): { spaceId: string; environmentId: string } {
    return { spaceId: conn.spaceId, environmentId: conn.environment };
}

export interface VersionedEntityLink {
    sys: { type: 'Link'; linkType: 'Entry' | 'Asset'; id: string; version: number };
}

export function bulkPublish(conn: ContentfulConnection, items: VersionedEntityLink[]): Promise<BulkActionProps> {
    return conn.call(`bulk publish of ${items.length}`, (c) =>
        c.bulkAction.publish(envParams(conn), { entities: { sys: { type: 'Array' }, items } })
    ) as Promise<BulkActionProps>;
}

export function bulkUnpublish(conn: ContentfulConnection, items: VersionedEntityLink[]): Promise<BulkActionProps> {
    const links = items.map((item) => ({ sys: { type: 'Link' as const, linkType: item.sys.linkType, id: item.sys.id } }));
    return conn.call(`bulk unpublish of ${items.length}`, (c) =>
        c.bulkAction.unpublish(envParams(conn), { entities: { sys: { type: 'Array' }, items: links } })
    ) as Promise<BulkActionProps>;
}

export function bulkValidate(conn: ContentfulConnection, items: VersionedEntityLink[]): Promise<BulkActionProps> {
    const links = items.map((item) => ({ sys: { type: 'Link' as const, linkType: item.sys.linkType, id: item.sys.id } }));
    return conn.call(`bulk validate of ${items.length}`, (c) =>
        c.bulkAction.validate(envParams(conn), { action: 'publish', entities: { sys: { type: 'Array' }, items: links } })
    ) as Promise<BulkActionProps>;
}

/** Bulk action v2: per-locale publish (`add`) or unpublish (`remove`) of many entities. */
export function bulkLocalePublish(
    conn: ContentfulConnection,
    action: 'publish' | 'unpublish',
    items: { link: VersionedEntityLink; locales?: string[] }[]
): Promise<BulkActionProps> {
    const key = action === 'publish' ? 'add' : 'remove';
    // `entity` is the Link itself ({ sys }); an item without locales is published or unpublished entirely.
    const entities = items.map((item) => ({ entity: item.link, ...(item.locales ? { [key]: { fields: { '*': item.locales } } } : {}) }));
    const label = `bulk locale ${action} of ${items.length}`;
    // In v2 a locale removal is a `publish` action with `remove`; an `unpublish` action takes whole
    // entities only (it would ignore `remove` and take every locale offline). runBulk never mixes the two.
    const removesLocales = action === 'unpublish' && items.some((item) => item.locales !== undefined);
    return conn.call(label, (c) =>
        action === 'publish' || removesLocales
            ? c.bulkAction.publishV2(envParams(conn), { action: 'publish', entities } as never)
            : c.bulkAction.unpublishV2(envParams(conn), { action: 'unpublish', entities } as never)
    ) as Promise<BulkActionProps>;
}

export function getBulkAction(conn: ContentfulConnection, bulkActionId: string, v2: boolean): Promise<BulkActionProps> {
    return conn.call(`GET bulk action "${bulkActionId}"`, (c) =>
        v2 ? c.bulkAction.getV2({ ...envParams(conn), bulkActionId }) : c.bulkAction.get({ ...envParams(conn), bulkActionId })
    ) as Promise<BulkActionProps>;
}

// ---------- webhooks ----------

export function fetchWebhooks(conn: ContentfulConnection): Promise<CollectionProp<WebhookProps>> {
    return conn.call('GET webhooks', (c) => c.webhook.getMany({ spaceId: conn.spaceId, query: { limit: 100 } }));
}

export function createWebhook(conn: ContentfulConnection, options: { name: string; url: string }): Promise<WebhookProps> {
    return conn.call('create webhook', (c) =>
        c.webhook.create(
            { spaceId: conn.spaceId },
            {
                name: options.name,
                url: options.url,
                topics: ['Entry.*', 'Asset.*', 'ContentType.*'],
                filters: [{ equals: [{ doc: 'sys.environment.sys.id' }, conn.environment] }],
                headers: [],
                transformation: { contentType: 'application/json' }
            } as never
        )
    );
}
