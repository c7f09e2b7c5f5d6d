/**
 * LocalizedContentfulSource: the Contentful content source for the Netlify Visual Editor
 * (Stackbit) with complete localization. A thin class: every rule lives in `localization/`, every
 * Contentful call in `contentful/`, and the wiring in `source/`.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Asset, ContentSourceInterface, Document, InitOptions, Logger, Model, Schema, UpdateOperation, UpdateOperationField, User, ValidationError, Version } from '@stackbit/types';
import { getVersion } from '@stackbit/types';
import type { EntryProps } from 'contentful-management';
import type { LocalizedContentfulSourceOptions } from './options.js';
import type { AssetContext, DocumentContext, ModelContext, SchemaContext } from './contentful/types.js';
import { fetchContentTypes, fetchEditorInterfaces, fetchEntrySnapshot, fetchEntrySnapshots, getEntry } from './contentful/api.js';
import { ContentWatcher } from './contentful/sync.js';
import { documentVersionsFromSnapshots, documentVersionWithDocument } from './contentful/versions.js';
import { CONTENTFUL_SRC_TYPE } from './contentful/field-values.js';
import { getLocaleInfos } from './localization/locales.js';
import type { AccessExplanation, ExplainInput } from './localization/explain.js';
import { createPermissionHelpers, type PermissionsForDocument, type PermissionsForModel } from './localization/permissions.js';
import type { Diagnostic, LocaleInfo } from './localization/types.js';
import { resolveAsset, type ResolvedAsset } from './localization/assets.js';
import { LocalizationError } from './errors.js';
import { resolveOptions } from './source/resolve-options.js';
import { buildSchemaState, createRuntime, openConnection, type Runtime } from './source/runtime.js';
import { applyContentChanges, loadAssets, loadDocuments, prefetchFirstPages, type FirstPages } from './source/loading.js';
import { assertEnabledLocale, callerOf } from './source/guard.js';
import * as documentWrites from './source/document-writes.js';
import * as assetWrites from './source/asset-writes.js';
import * as publishing from './source/publishing.js';
import * as localizationActions from './source/localization-actions.js';
import { ensureWebhook } from './source/webhooks.js';
import type { AssetFileInput } from './source/asset-writes.js';

/**
 * The package's own version. `stackbit dev` bundles stackbit.config.ts with esbuild into
 * `.stackbit/cache/`, so a config importing these sources directly runs this code from there: a path
 * relative to this file (`../package.json`) then misses, and a CommonJS bundle has no `import.meta.url`.
 * The package's self-reference (`exports["./package.json"]`) resolves from anywhere inside the package.
 */
function readPackageVersion(): string {
    const requireHere = createRequire((import.meta.url as string | undefined) ?? pathToFileURL(`${process.cwd()}/`).href);
    for (const specifier of ['localized-contentful-source/package.json', '../package.json']) {
        try {
            return (requireHere(specifier) as { version: string }).version;
        } catch {
            // try the next way to find it
        }
    }
    return '0.0.0';
}

const packageVersion = readPackageVersion();

/** The `userContext` the engine passes: the editor's user plus their Contentful connection. */
export type UserContext = { accessToken?: string; type?: string; [key: string]: unknown };

type CSI = ContentSourceInterface<UserContext, SchemaContext, DocumentContext, AssetContext, ModelContext>;

/**
 * A Contentful content source with object- and field-level localization, locale access control
 * and per-locale publishing. Put it in `contentSources` of `stackbit.config.ts`.
 */
export class LocalizedContentfulSource implements CSI {
    private readonly options: LocalizedContentfulSourceOptions;
    private runtimeState: Runtime | undefined;
    private watcher: ContentWatcher | undefined;
    /** The load `init` started, handed to the first getDocuments / getAssets. */
    private pendingDocuments: ReturnType<typeof loadDocuments> | undefined;
    private pendingAssets: ReturnType<typeof loadAssets> | undefined;
    private schemaIsFresh = false;
    private initOptions: InitOptions<SchemaContext, DocumentContext, AssetContext, ModelContext> | undefined;

    constructor(options: LocalizedContentfulSourceOptions = {}) {
        this.options = options;
    }

    /** Everything known after `init`; throws a clear error before it. */
    private get runtime(): Runtime {
        if (!this.runtimeState) {
            throw new Error('localized-contentful-source: call init() first (the Visual Editor does this when it loads stackbit.config.ts)');
        }
        return this.runtimeState;
    }

    async getVersion(): Promise<Version> {
        return getVersion({ contentSourceVersion: packageVersion });
    }

    getContentSourceType(): string {
        return CONTENTFUL_SRC_TYPE;
    }

    getProjectId(): string {
        return this.runtimeState?.options.spaceId ?? this.options.spaceId ?? process.env.CONTENTFUL_SPACE_ID ?? '';
    }

    getProjectEnvironment(): string {
        return this.runtimeState?.options.environment ?? this.options.environment ?? process.env.CONTENTFUL_ENVIRONMENT ?? 'master';
    }

    getProjectManageUrl(): string {
        const base = this.runtimeState?.options.managementAppUrl ?? this.options.managementAppUrl ?? 'https://app.contentful.com';
        return `${base}/spaces/${this.getProjectId()}/environments/${this.getProjectEnvironment()}/home`;
    }

    /** Validates the options against the space and starts loading its content. Bad config fails here. */
    async init(options: InitOptions<SchemaContext, DocumentContext, AssetContext, ModelContext>): Promise<void> {
        this.initOptions = options;
        const resolved = resolveOptions(this.options);
        this.stopWatchingContentUpdates();
        const conn = openConnection(resolved, options.logger);
        // The first pages travel while the metadata is read: one round trip less before the editor opens.
        const firstPages = prefetchFirstPages(conn, resolved);
        this.runtimeState = await createRuntime(resolved, options.logger, options.cache, conn);
        this.schemaIsFresh = true;
        this.watcher = this.createWatcher(this.runtimeState, Boolean(options.webhookUrl));
        // Start fetching content now: the engine asks for the schema first, the pages are already on their way.
        this.startLoad(firstPages);
        if (options.webhookUrl && !(await ensureWebhook(this.runtimeState, options.webhookUrl))) {
            // Nobody will call the webhook: poll for edits after all.
            this.watcher.setPollEdits(true);
        }
    }

    private createWatcher(runtime: Runtime, webhooks: boolean): ContentWatcher {
        return new ContentWatcher(
            runtime.conn,
            {
                knownEntryVersion: (id) => runtime.store.documents.get(id)?.context.sys.version,
                knownAssetVersion: (id) => runtime.store.assets.get(id)?.context.sys.version,
                knownEntryIds: () => runtime.store.documents.keys(),
                knownAssetIds: () => runtime.store.assets.keys(),
                knownEntryCount: () => runtime.store.documents.size,
                knownAssetCount: () => runtime.store.assets.size,
                knownEntryCreationTimes: () => Array.from(runtime.store.documents.values(), (document) => [document.id, document.createdAt] as const),
                knownAssetCreationTimes: () => Array.from(runtime.store.assets.values(), (asset) => [asset.id, asset.createdAt] as const),
                applyChanges: async (changes) => {
                    await applyContentChanges(runtime, changes);
                },
                invalidateSchema: async () => {
                    this.schemaIsFresh = false;
                    await runtime.cache?.invalidateSchema();
                }
            },
            {
                pollIntervalMs: runtime.options.sync.pollIntervalMs,
                deletionCheckIntervalMs: runtime.options.sync.deletionCheckIntervalMs,
                pollEdits: !webhooks,
                concurrency: runtime.options.requests.concurrency,
                onError: (error, what) => runtime.logger.warn(`localized-contentful-source: ${what} failed: ${(error as Error).message}`)
            }
        );
    }

    private startLoad(firstPages: FirstPages): void {
        const runtime = this.runtime;
        const watcher = this.watcher;
        const documents = loadDocuments(runtime, (entries) => watcher?.noteEntries(entries), firstPages.entries);
        const assets = loadAssets(runtime, (items) => watcher?.noteAssets(items), firstPages.assets);
        // Errors surface from getDocuments/getAssets; keep Node from reporting them as unhandled meanwhile.
        documents.catch(() => undefined);
        assets.catch(() => undefined);
        this.pendingDocuments = documents;
        this.pendingAssets = assets;
    }

    async reset(): Promise<void> {
        if (this.initOptions) {
            await this.init(this.initOptions);
        }
    }

    async destroy(): Promise<void> {
        this.stopWatchingContentUpdates();
        await this.watcher?.idle();
    }

    startWatchingContentUpdates(): void {
        this.watcher?.start();
    }

    stopWatchingContentUpdates(): void {
        this.watcher?.stop();
    }

    /** Contentful webhook calls the engine forwards (Entry/Asset/ContentType topics). */
    onWebhook(data: { data: unknown; headers: Record<string, string> }): void {
        const runtime = this.runtimeState;
        if (!runtime || !this.watcher) return;
        this.watcher.handleWebhook(data.data, data.headers).then(
            (what) => runtime.logger.debug(`localized-contentful-source webhook: ${what}`),
            (error: Error) => runtime.logger.warn(`localized-contentful-source: webhook handling failed: ${error.message}`)
        );
    }

    async getSchema(): Promise<Schema<SchemaContext, ModelContext>> {
        const runtime = this.runtime;
        if (!this.schemaIsFresh) {
            const [contentTypes, editorInterfaces] = await Promise.all([fetchContentTypes(runtime.conn), fetchEditorInterfaces(runtime.conn)]);
            runtime.schema = buildSchemaState({
                options: runtime.options,
                locales: runtime.locales,
                contentTypes: contentTypes.items,
                editorInterfaces: editorInterfaces.items,
                diagnostics: runtime.diagnostics,
                userEmails: runtime.userEmails
            });
            this.schemaIsFresh = true;
        }
        this.watcher?.noteContentTypes(new Map([...runtime.schema.contentTypes.values()].map((ct) => [ct.sys.id, ct.sys.version])));
        return {
            models: runtime.schema.models,
            locales: runtime.locales.enabled.map((code) => (code === runtime.locales.defaultLocale ? { code, default: true } : { code })),
            context: { spaceLocales: runtime.spaceLocaleCodes }
        };
    }

    async getDocuments(): Promise<Document<DocumentContext>[]> {
        const pending = this.pendingDocuments;
        this.pendingDocuments = undefined;
        const { documents } = await (pending ?? loadDocuments(this.runtime, (entries) => this.watcher?.noteEntries(entries)));
        return documents;
    }

    async getAssets(): Promise<Asset<AssetContext>[]> {
        const pending = this.pendingAssets;
        this.pendingAssets = undefined;
        const { assets } = await (pending ?? loadAssets(this.runtime, (items) => this.watcher?.noteAssets(items)));
        return assets;
    }

    /** Whether the user may use this source: a global grant, or at least one enabled locale. */
    async hasAccess(options: { userContext?: User<UserContext> }): Promise<{ hasConnection: boolean; hasPermissions: boolean }> {
        const runtime = this.runtime;
        const caller = callerOf(runtime, options.userContext);
        if (runtime.options.access?.requireUser && !caller.user) {
            return { hasConnection: true, hasPermissions: false };
        }
        const grant = caller.grant.locales;
        const hasPermissions = grant === '*' || grant.some((code) => runtime.locales.enabled.includes(code));
        return { hasConnection: true, hasPermissions };
    }

    createDocument(options: {
        updateOperationFields: Record<string, UpdateOperationField>;
        model: Model<ModelContext>;
        locale?: string;
        defaultLocaleDocumentId?: string;
        userContext?: User<UserContext>;
    }): Promise<{ documentId: string }> {
        return documentWrites.createDocument(this.runtime, options);
    }

    updateDocument(options: { document: Document<DocumentContext>; operations: UpdateOperation[]; userContext?: User<UserContext> }): Promise<void> {
        return documentWrites.updateDocument(this.runtime, options);
    }

    deleteDocument(options: { document: Document<DocumentContext>; userContext?: User<UserContext> }): Promise<void> {
        return documentWrites.deleteDocument(this.runtime, options);
    }

    archiveDocument(options: { document: Document<DocumentContext>; userContext?: User<UserContext> }): Promise<void> {
        return documentWrites.archiveDocument(this.runtime, options);
    }

    unarchiveDocument(options: { document: Document<DocumentContext>; userContext?: User<UserContext> }): Promise<void> {
        return documentWrites.unarchiveDocument(this.runtime, options);
    }

    uploadAsset(options: { url?: string; base64?: string; fileName: string; mimeType: string; locale?: string; userContext?: User<UserContext> }): Promise<Asset<AssetContext>> {
        return assetWrites.uploadAsset(this.runtime, options);
    }

    updateAsset(options: { asset: Asset<AssetContext>; operations: UpdateOperation[]; userContext?: User<UserContext> }): Promise<void> {
        return assetWrites.updateAsset(this.runtime, options);
    }

    validateDocuments(options: { documents: Document<DocumentContext>[]; assets: Asset<AssetContext>[]; locale?: string; userContext?: User<UserContext> }): Promise<{ errors: ValidationError[] }> {
        return publishing.validateDocuments(this.runtime, options);
    }

    publishDocuments(options: { documents: Document<DocumentContext>[]; assets: Asset<AssetContext>[]; userContext?: User<UserContext> }): Promise<void> {
        return publishing.publishDocuments(this.runtime, options);
    }

    unpublishDocuments(options: { documents: Document<DocumentContext>[]; assets: Asset<AssetContext>[]; userContext?: User<UserContext> }): Promise<void> {
        return publishing.unpublishDocuments(this.runtime, options);
    }

    async getDocumentVersions(options: { documentId: string }) {
        const runtime = this.runtime;
        const snapshots = await fetchEntrySnapshots(runtime.conn, options.documentId);
        return { versions: documentVersionsFromSnapshots(snapshots.items, this.versionContext(runtime)) };
    }

    async getDocumentForVersion(options: { documentId: string; versionId: string }) {
        const runtime = this.runtime;
        const snapshot = await fetchEntrySnapshot(runtime.conn, options.documentId, options.versionId);
        return { version: documentVersionWithDocument(snapshot, this.versionContext(runtime)) };
    }

    private versionContext(runtime: Runtime) {
        return {
            srcType: this.getContentSourceType(),
            srcProjectId: runtime.options.spaceId,
            convertEntry: runtime.schema.convertEntry,
            userEmail: (id: string) => runtime.userEmails.get(id)
        };
    }

    // ---------------------------------------------------------------------------------------
    // Localization API (beyond the CSI)

    /** Every space locale with its fallback and whether it is enabled for this project. */
    getLocales(): LocaleInfo[] {
        return getLocaleInfos(this.runtime.locales);
    }

    /** Problems found in the data or configuration (logged once each). */
    getDiagnostics(): Diagnostic[] {
        return [...this.runtime.diagnostics.list(), ...this.runtime.store.translations.diagnostics()];
    }

    /** Why user U may or may not do action A on a document in locale L. */
    explain(input: Omit<ExplainInput, 'access' | 'locales' | 'models'> & { documentId?: string }): AccessExplanation {
        return localizationActions.explain(this.runtime, input);
    }

    /** Per enabled locale: localized / inherited (from X) / missing, and publishing status where known. */
    getLocalizationStatus(options: { documentId: string }) {
        return localizationActions.localizationStatusOf(this.runtime, options.documentId);
    }

    /** Locale → document id of a document's translations (for the site's hreflang links). */
    getAlternates(options: { documentId: string }): Record<string, string> {
        return localizationActions.alternatesOf(this.runtime, options.documentId);
    }

    /** Breaks inheritance in `locale`: copies the inherited values (field-level) or creates the locale's variant (object-level). */
    localize(options: { documentId: string; locale: string; fields?: string[]; userContext?: unknown }): Promise<{ documentId: string }> {
        return localizationActions.localize(this.runtime, options);
    }

    /** Reverts `locale` to inheritance: removes its own values (field-level) or deletes its variant (object-level). */
    unlocalize(options: { documentId: string; locale: string; fields?: string[]; userContext?: unknown }): Promise<void> {
        return localizationActions.unlocalize(this.runtime, options);
    }

    /** Copies a document in the current locale (keeping its fallback hierarchy) or in all locales. */
    copyDocument(options: { documentId: string; scope: 'current-locale' | 'all-locales'; locale?: string; userContext?: unknown }): Promise<{ documentIds: string[] }> {
        return localizationActions.copyDocument(this.runtime, options);
    }

    /** Creates a document in several locales at once; validates every locale first and leaves nothing half-created. */
    createDocumentInLocales(options: {
        modelName: string;
        locales: string[];
        valuesByLocale: Record<string, Record<string, UpdateOperationField>>;
        userContext?: unknown;
    }): Promise<{ documentIds: string[] }> {
        return localizationActions.createInLocales(this.runtime, options);
    }

    /** Replaces one locale's file of an asset, keeping its id and the other locales. */
    replaceAssetFile(options: { assetId: string; locale: string; file: AssetFileInput; userContext?: unknown }): Promise<Asset<AssetContext>> {
        return assetWrites.replaceAssetFile(this.runtime, options);
    }

    /**
     * An asset as `locale` shows it: its own file, title and description, else those of the nearest
     * locale of its fallback chain (`from` says which locale each comes from).
     */
    resolveAsset(options: { assetId: string; locale: string }): ResolvedAsset {
        const runtime = this.runtime;
        const asset = runtime.store.assets.get(options.assetId);
        if (!asset) throw new LocalizationError(`Asset "${options.assetId}" does not exist in space "${runtime.options.spaceId}" (or was deleted).`);
        assertEnabledLocale(runtime, options.locale, `resolve asset "${options.assetId}"`);
        return resolveAsset(asset, options.locale, runtime.locales);
    }

    /** The raw Contentful entry (for scripts and custom actions). */
    getEntry(entryId: string): Promise<EntryProps> {
        return getEntry(this.runtime.conn, entryId);
    }

    /** The logger given by the engine, for custom actions. */
    get logger(): Logger | undefined {
        return this.runtimeState?.logger;
    }

    /**
     * `permissionsForDocument` / `permissionsForModel` for stackbit.config.ts, from this source's
     * access rules (SPEC §5): `...source.permissionHelpers()` in `defineStackbitConfig`. They accept
     * the engine user and the merged user context, judge only this source's documents and models, and
     * return undefined until `init` has run (the engine's own permissions apply meanwhile). The engine
     * hides documents on `canView: false`; writes are enforced by the adapter itself either way.
     */
    permissionHelpers(): { permissionsForDocument: PermissionsForDocument; permissionsForModel: PermissionsForModel } {
        return createPermissionHelpers(() => {
            const runtime = this.runtimeState;
            if (!runtime) return undefined;
            return {
                access: runtime.options.access,
                locales: runtime.locales,
                // Late-bound: a schema reload replaces runtime.schema.
                models: (modelName: string) => runtime.schema.localization.get(modelName),
                srcType: this.getContentSourceType(),
                srcProjectId: runtime.options.spaceId
            };
        });
    }

    /** @internal The runtime, for the helpers in this package (custom actions, permissions). */
    runtimeOrUndefined(): Runtime | undefined {
        return this.runtimeState;
    }
}
