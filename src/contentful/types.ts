/**
 * Contentful shapes the adapter reads and writes, and the context it keeps on Stackbit
 * documents, assets and models.
 */
import type { AssetProps, ContentTypeProps, EditorInterfaceProps, EntryProps, LocaleProps } from 'contentful-management';

export type { AssetProps, ContentTypeProps, EditorInterfaceProps, EntryProps, LocaleProps };

/** `fields` of a CMA entry or asset: field id → locale code → value. */
export type LocalizedFields = Record<string, Record<string, unknown>>;

/** Per-locale publishing status as Contentful reports it in `sys.fieldStatus['*']`. */
export type LocaleStatus = 'draft' | 'changed' | 'published';

/** The part of an entry's or asset's `sys` the adapter keeps on each document. */
export interface EntitySys {
    type: 'Entry' | 'Asset';
    id: string;
    version: number;
    publishedVersion?: number;
    archivedVersion?: number;
    /** Present when the space reports per-locale status. */
    fieldStatus?: Record<string, LocaleStatus>;
    /** Entries only. */
    contentTypeId?: string;
}

/** `Document.context` of every document this adapter returns. */
export interface DocumentContext {
    sys: EntitySys;
}

/** `Asset.context` of every asset this adapter returns. */
export interface AssetContext {
    sys: EntitySys;
}

/** `Schema.context`. */
export interface SchemaContext {
    /** Locale codes of the space the adapter knows (every one, enabled or not). */
    spaceLocales: string[];
}

/** `Model.context`: what the converter needs to write a model's fields back. */
export interface ModelContext {
    /** Field id → Contentful field type (`Symbol`, `Array`, `Link`, …), for writes. */
    fieldTypes: Record<string, string>;
}

/** A Contentful-style collection response. */
export interface Collection<T> {
    sys?: { type: 'Array' };
    total: number;
    skip: number;
    limit: number;
    items: T[];
}
