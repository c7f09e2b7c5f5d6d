/**
 * Contentful entry snapshots → Stackbit document versions (pure).
 *
 * Contentful keeps a snapshot per publish (master environment only). Each snapshot holds the
 * entry as published; it is converted with the same entry converter as live entries, so
 * snapshot data with locale codes the space no longer has is reported, not fatal.
 */
import type { DocumentVersion, DocumentVersionWithDocument } from '@stackbit/types';
import type { SnapshotProps } from 'contentful-management';
import type { EntryProps } from './types.js';
import type { EntryConverter } from './entry-converter.js';

export interface VersionConverterContext {
    /** The content source type (`getContentSourceType()`). */
    srcType: string;
    /** The content source project id (the space id). */
    srcProjectId: string;
    /** Converts the snapshot's entry (see {@link EntryConverter}). */
    convertEntry: EntryConverter;
    userEmail?: (userId: string) => string | undefined;
}

/** One snapshot → a version, without its document (for version lists). */
export function documentVersionFromSnapshot(snapshot: SnapshotProps<EntryProps>, ctx: VersionConverterContext): DocumentVersion {
    const version: DocumentVersion = {
        id: snapshot.sys.id,
        documentId: snapshot.snapshot.sys.id,
        srcType: ctx.srcType,
        srcProjectId: ctx.srcProjectId,
        createdAt: snapshot.sys.createdAt
    };
    const createdById = snapshot.sys.createdBy?.sys?.id;
    if (createdById) {
        version.createdBy = ctx.userEmail?.(createdById) ?? createdById;
    }
    if (snapshot.sys.snapshotType === 'publish') {
        version.label = 'Published';
    }
    return version;
}

/** One snapshot → a version with the document as it was then. */
export function documentVersionWithDocument(snapshot: SnapshotProps<EntryProps>, ctx: VersionConverterContext): DocumentVersionWithDocument {
    return { ...documentVersionFromSnapshot(snapshot, ctx), document: ctx.convertEntry(snapshot.snapshot) };
}

/** Snapshots → versions, newest first (Contentful's order is not guaranteed). */
export function documentVersionsFromSnapshots(snapshots: readonly SnapshotProps<EntryProps>[], ctx: VersionConverterContext): DocumentVersion[] {
    return snapshots
        .map((snapshot) => documentVersionFromSnapshot(snapshot, ctx))
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}
