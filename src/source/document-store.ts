/**
 * The documents and assets the adapter has converted, by id, plus the translation-group index.
 * It holds the same objects it hands to the engine (no copies), so it costs a map entry per item.
 */
import type { Asset, Document } from '@stackbit/types';
import type { AssetContext, DocumentContext } from '../contentful/types.js';
import { buildTranslationIndex, type TranslationGroupConfig, type TranslationIndex } from '../localization/translation-groups.js';

export type SourceDocument = Document<DocumentContext>;
export type SourceAsset = Asset<AssetContext>;

export class DocumentStore {
    readonly documents = new Map<string, SourceDocument>();
    readonly assets = new Map<string, SourceAsset>();
    private readonly groupConfig: TranslationGroupConfig;
    /** Built on first use, then kept current: opening the editor does not wait for it. */
    private index: TranslationIndex | undefined;

    constructor(config: { objectLevelModels: string[]; translationKeyField: string; defaultLocale: string }) {
        this.groupConfig = { models: config.objectLevelModels, translationKeyField: config.translationKeyField, defaultLocale: config.defaultLocale };
    }

    /** The translation groups of the object-level documents held. */
    get translations(): TranslationIndex {
        this.index ??= buildTranslationIndex([...this.documents.values()], this.groupConfig);
        return this.index;
    }

    /** Replaces everything (a full load). The translation index is rebuilt when next used. */
    resetDocuments(documents: readonly SourceDocument[]): void {
        this.documents.clear();
        for (const document of documents) this.documents.set(document.id, document);
        this.index = undefined;
    }

    resetAssets(assets: readonly SourceAsset[]): void {
        this.assets.clear();
        for (const asset of assets) this.assets.set(asset.id, asset);
    }

    upsertDocuments(documents: readonly SourceDocument[]): void {
        for (const document of documents) this.documents.set(document.id, document);
        this.index?.update(documents);
    }

    upsertAssets(assets: readonly SourceAsset[]): void {
        for (const asset of assets) this.assets.set(asset.id, asset);
    }

    deleteDocuments(ids: readonly string[]): void {
        for (const id of ids) this.documents.delete(id);
        this.index?.update([], ids);
    }

    deleteAssets(ids: readonly string[]): void {
        for (const id of ids) this.assets.delete(id);
    }

    /** The documents of a translation group by locale (the document itself included). */
    variantsOf(documentId: string): Record<string, string> {
        return this.translations.variants(documentId);
    }
}
