/**
 * Translation groups of object-level documents: the documents of one model that share a
 * translation key are translations of each other (one variant per locale). Groups drive
 * fallback, localize/copy, shared fields and the site's alternate-language links.
 *
 * Pure data structure: built once in O(N), then kept current incrementally with
 * {@link updateIndex} as content changes.
 */
import type { Document } from '@stackbit/types';
import { LocalizationError } from '../errors.js';
import { readDocumentStringValue } from './locale-assignment.js';
import type { Diagnostic } from './types.js';

/** Which models are grouped, and by which field. */
export interface TranslationGroupConfig {
    /** Object-level model names. Documents of other models are not indexed. */
    models: readonly string[];
    /** The field holding the translation key (`objectLevel.translationKeyField`). */
    translationKeyField: string;
    /** Preferred locale when the key field was localized by mistake. */
    defaultLocale?: string;
}

/** A snapshot of one translation group. */
export interface TranslationGroup {
    /** Stable id: model + key, or the document id for a document without a key. */
    id: string;
    modelName: string;
    /** `undefined` for a document without a key (a group of one). */
    translationKey: string | undefined;
    /** The variant used per locale (the first created one when a locale has several). */
    variants: Record<string, string>;
    /** Every member, including duplicate variants and members without a locale. */
    documentIds: string[];
}

interface Member {
    id: string;
    locale: string | undefined;
    createdAtMs: number;
}

interface GroupState {
    id: string;
    modelName: string;
    translationKey: string | undefined;
    members: Map<string, Member>;
    variants: Record<string, string>;
    diagnostics: Diagnostic[];
}

/** Translation groups of object-level documents; build it with {@link buildTranslationIndex}. */
export class TranslationIndex {
    private readonly models: Set<string>;
    private readonly groups = new Map<string, GroupState>();
    private readonly groupIdOfDocument = new Map<string, string>();
    private readonly groupsWithDuplicates = new Set<string>();

    constructor(private readonly config: TranslationGroupConfig) {
        this.models = new Set(config.models);
    }

    /** The group of a document, or `undefined` when the document is not an indexed object-level document. */
    groupOf(documentId: string): TranslationGroup | undefined {
        const group = this.stateOf(documentId);
        if (!group) {
            return undefined;
        }
        return {
            id: group.id,
            modelName: group.modelName,
            translationKey: group.translationKey,
            variants: { ...group.variants },
            documentIds: [...group.members.keys()]
        };
    }

    /** Locale → the variant used for that locale, in the document's group (`{}` when unknown). */
    variants(documentId: string): Record<string, string> {
        return { ...this.stateOf(documentId)?.variants };
    }

    /**
     * Locale → document for the site's alternate-language (hreflang) links. Includes the document
     * itself under its own locale, even when it is a duplicate variant that lost to an older one.
     */
    alternates(documentId: string): Record<string, string> {
        const group = this.stateOf(documentId);
        if (!group) {
            return {};
        }
        const own = group.members.get(documentId)?.locale;
        return own === undefined ? { ...group.variants } : { ...group.variants, [own]: documentId };
    }

    /** The document's translation in `locale`, if its group has one. */
    findVariant(documentId: string, locale: string): string | undefined {
        return this.stateOf(documentId)?.variants[locale];
    }

    /** Problems found in the groups: two variants of one locale in one group. */
    diagnostics(): Diagnostic[] {
        return [...this.groupsWithDuplicates].flatMap((groupId) => this.groups.get(groupId)?.diagnostics ?? []);
    }

    /** Number of indexed documents. */
    get size(): number {
        return this.groupIdOfDocument.size;
    }

    /**
     * Applies changed (created or updated) and deleted documents. Only the groups they leave or
     * join are recomputed. Documents of models that are not object-level are ignored.
     */
    update(changedDocuments: readonly Document[], deletedIds: readonly string[] = []): this {
        const dirty = new Set<string>();
        for (const id of deletedIds) {
            this.remove(id, dirty);
        }
        for (const document of changedDocuments) {
            this.remove(document.id, dirty);
            if (this.models.has(document.modelName)) {
                this.insert(document, dirty);
            }
        }
        for (const groupId of dirty) {
            this.recompute(groupId);
        }
        return this;
    }

    private stateOf(documentId: string): GroupState | undefined {
        const groupId = this.groupIdOfDocument.get(documentId);
        return groupId === undefined ? undefined : this.groups.get(groupId);
    }

    private insert(document: Document, dirty: Set<string>): void {
        const key = translationKeyOf(document, this.config.translationKeyField, this.config.defaultLocale);
        // A document without a key is a group of its own; the prefixes keep the two id spaces apart.
        const groupId = key === undefined ? `doc:${document.id}` : `key:${document.modelName}\u0000${key}`;
        let group = this.groups.get(groupId);
        if (!group) {
            group = { id: groupId, modelName: document.modelName, translationKey: key, members: new Map(), variants: {}, diagnostics: [] };
            this.groups.set(groupId, group);
        }
        const createdAtMs = Date.parse(document.createdAt);
        group.members.set(document.id, {
            id: document.id,
            locale: document.locale,
            createdAtMs: Number.isNaN(createdAtMs) ? Number.POSITIVE_INFINITY : createdAtMs
        });
        this.groupIdOfDocument.set(document.id, groupId);
        dirty.add(groupId);
    }

    private remove(documentId: string, dirty: Set<string>): void {
        const groupId = this.groupIdOfDocument.get(documentId);
        if (groupId === undefined) {
            return;
        }
        this.groupIdOfDocument.delete(documentId);
        this.groups.get(groupId)?.members.delete(documentId);
        dirty.add(groupId);
    }

    private recompute(groupId: string): void {
        const group = this.groups.get(groupId);
        if (!group || group.members.size === 0) {
            this.groups.delete(groupId);
            this.groupsWithDuplicates.delete(groupId);
            return;
        }
        const byLocale = new Map<string, Member[]>();
        for (const member of group.members.values()) {
            if (member.locale === undefined) {
                continue;
            }
            const candidates = byLocale.get(member.locale);
            if (candidates) {
                candidates.push(member);
            } else {
                byLocale.set(member.locale, [member]);
            }
        }
        group.variants = {};
        group.diagnostics = [];
        for (const [locale, candidates] of byLocale) {
            // The first created variant wins; the id breaks ties so the choice never flips between runs.
            candidates.sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
            const [winner, ...losers] = candidates;
            group.variants[locale] = winner.id;
            for (const loser of losers) {
                group.diagnostics.push(this.duplicateDiagnostic(group, locale, winner.id, loser.id));
            }
        }
        if (group.diagnostics.length > 0) {
            this.groupsWithDuplicates.add(groupId);
        } else {
            this.groupsWithDuplicates.delete(groupId);
        }
    }

    private duplicateDiagnostic(group: GroupState, locale: string, winnerId: string, loserId: string): Diagnostic {
        const field = this.config.translationKeyField;
        return {
            kind: 'other',
            documentId: loserId,
            locale,
            field,
            message:
                `Documents "${winnerId}" and "${loserId}" (model "${group.modelName}") are both the "${locale}" translation of ${field} "${group.translationKey}". ` +
                `"${winnerId}" (created first) is used for fallback, copies and alternate links; give "${loserId}" its own ${field} or another locale.`
        };
    }
}

/**
 * Builds the translation index of the object-level documents among `documents` (others are
 * ignored). Groups are per model + translation key; documents without a key form a group of one;
 * two variants of one locale in a group are reported and the first created one is used.
 */
export function buildTranslationIndex(documents: readonly Document[], objectLevel: TranslationGroupConfig): TranslationIndex {
    return new TranslationIndex(objectLevel).update(documents);
}

/**
 * Keeps an index current as content changes: `changedDocuments` were created or updated,
 * `deletedIds` were deleted. Incremental (only the affected groups are recomputed); returns the
 * same index.
 */
export function updateIndex(index: TranslationIndex, changedDocuments: readonly Document[], deletedIds: readonly string[] = []): TranslationIndex {
    return index.update(changedDocuments, deletedIds);
}

/** The translation key of a Stackbit document, or `undefined` when it has none. */
export function translationKeyOf(document: Document, translationKeyField: string, defaultLocale?: string): string | undefined {
    return readDocumentStringValue(document.fields[translationKeyField], defaultLocale);
}

/** Contentful Symbol fields hold at most 256 characters. */
const MAX_KEY_LENGTH = 256;

/**
 * A new translation key from the caller's id generator (the rules never make up randomness).
 *
 * @throws {LocalizationError} when the generator returns something that cannot be stored as a key.
 */
export function newTranslationKey(generateId: () => string): string {
    const id: unknown = generateId();
    if (typeof id !== 'string' || id.trim() === '') {
        throw new LocalizationError(`The translation key generator returned ${JSON.stringify(id) ?? String(id)}; it must return a non-empty string.`);
    }
    if (id.length > MAX_KEY_LENGTH) {
        throw new LocalizationError(`The translation key generator returned a key of ${id.length} characters; Contentful Symbol fields hold at most ${MAX_KEY_LENGTH}.`);
    }
    return id.trim();
}
