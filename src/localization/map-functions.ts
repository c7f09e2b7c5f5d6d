/**
 * `mapModels` / `mapDocuments` for `stackbit.config.ts`, for teams that keep their own content
 * source (e.g. `@stackbit/cms-contentful`) and only want object-level locale assignment.
 *
 * Note: the engine's permission, update and publish paths see the content source's raw documents,
 * not what `mapDocuments` returns; that is why `LocalizedContentfulSource` assigns locales itself.
 */
import type { DocumentWithSource, ModelWithSource } from '@stackbit/types';
import { readDocumentStringValue } from './locale-assignment.js';
import type { Diagnostic, LocaleContext } from './types.js';

/** Restricts the functions to the models / documents of one content source (optional). */
export interface SourceFilter {
    /** Only touch models and documents of this `srcType` (e.g. `'contentful'`). */
    srcType?: string;
    /** Only touch models and documents of this `srcProjectId` (the space id). */
    srcProjectId?: string;
}

/** Options of {@link createMapModels}. */
export interface MapModelsOptions extends SourceFilter {
    /** Object-level model names (content type ids). */
    objectLevelModels: readonly string[];
}

/** Options of {@link createMapDocuments}. */
export interface MapDocumentsOptions extends SourceFilter {
    /** Object-level model names (content type ids). */
    objectLevelModels: readonly string[];
    /** The field holding each document's locale. */
    localeField: string;
    /**
     * The project's locales. With them, a missing or non-enabled locale becomes the default
     * locale (and is reported); without them, a document gets the field's value as it is, or no
     * locale when the field is empty.
     */
    locales?: LocaleContext | { defaultLocale: string; enabled: readonly string[] };
    /** Called once per document and problem (missing / non-enabled locale). */
    onDiagnostic?: (diagnostic: Diagnostic) => void;
}

/** Signature of `StackbitConfig.mapModels`. */
export type MapModelsFunction = (options: { models: ModelWithSource[] }) => ModelWithSource[];

/** Signature of `StackbitConfig.mapDocuments`. */
export type MapDocumentsFunction = (options: { documents: DocumentWithSource[]; models: ModelWithSource[] }) => DocumentWithSource[];

/**
 * Creates a `mapModels` that marks the object-level models `localized: true`, so the editor
 * filters their documents by locale. Other models are returned unchanged; inputs are not mutated.
 */
export function createMapModels(options: MapModelsOptions): MapModelsFunction {
    const names = new Set(options.objectLevelModels);
    return ({ models }) =>
        models.map((model) => {
            if (model.type === 'object' || !names.has(model.name) || !matchesSource(model, options) || model.localized === true) {
                return model;
            }
            return { ...model, localized: true };
        });
}

/**
 * Creates a `mapDocuments` that sets `document.locale` on documents of object-level models from
 * their `localeField` value. It is a per-document function (the engine calls it with all
 * documents at load and with only the changed ones afterwards); inputs are not mutated.
 */
export function createMapDocuments(options: MapDocumentsOptions): MapDocumentsFunction {
    const names = new Set(options.objectLevelModels);
    const enabled = options.locales ? new Set(options.locales.enabled) : undefined;
    const defaultLocale = options.locales?.defaultLocale;
    const reported = new Set<string>();

    function reportOnce(diagnostic: Diagnostic): void {
        const key = `${diagnostic.documentId}\u0000${diagnostic.kind}\u0000${diagnostic.locale ?? ''}`;
        if (!reported.has(key)) {
            reported.add(key);
            options.onDiagnostic?.(diagnostic);
        }
    }

    function localeOf(document: DocumentWithSource): string | undefined {
        const value = readDocumentStringValue(document.fields[options.localeField], defaultLocale);
        if (!defaultLocale || !enabled) {
            return value ?? document.locale;
        }
        const where = `Document "${document.id}" (model "${document.modelName}")`;
        if (value === undefined) {
            reportOnce({
                kind: 'locale-missing',
                documentId: document.id,
                field: options.localeField,
                message: `${where} has no locale in field "${options.localeField}"; it is shown in the default locale "${defaultLocale}".`
            });
            return defaultLocale;
        }
        if (!enabled.has(value)) {
            reportOnce({
                kind: 'locale-not-enabled',
                documentId: document.id,
                locale: value,
                field: options.localeField,
                message: `${where} has locale "${value}", which is not an enabled locale (${[...enabled].map((c) => `"${c}"`).join(', ')}); it is shown in the default locale "${defaultLocale}".`
            });
            return defaultLocale;
        }
        return value;
    }

    return ({ documents }) =>
        documents.map((document) => {
            if (!names.has(document.modelName) || !matchesSource(document, options)) {
                return document;
            }
            const locale = localeOf(document);
            return locale === document.locale ? document : { ...document, locale };
        });
}

function matchesSource(item: { srcType: string; srcProjectId: string }, filter: SourceFilter): boolean {
    return (filter.srcType === undefined || item.srcType === filter.srcType) && (filter.srcProjectId === undefined || item.srcProjectId === filter.srcProjectId);
}
