/**
 * The CSI's document writes: create (in a locale, or adding a locale), update (with the
 * localization rules and shared-field propagation), delete, archive, unarchive. Every rule is
 * checked before the first request that writes.
 */
import type { Document, Model, UpdateOperation, UpdateOperationField } from '@stackbit/types';
import type { EntryProps } from 'contentful-management';
import { AccessDeniedError, ContentfulRequestError, LocalizationError } from '../errors.js';
import { applyOperations } from '../contentful/operations.js';
import { fieldsFromOperationFields } from '../contentful/create-fields.js';
import { archiveEntry, deleteEntry, getEntry, publishEntry, unarchiveEntry, unpublishEntry } from '../contentful/api.js';
import type { LocalizedFields, ModelContext } from '../contentful/types.js';
import { checkFieldWrites, describePropagationFailure, sharedFieldPropagation, withSharedFieldsFrom } from '../localization/shared-fields.js';
import { planAddLocaleToEntry } from '../localization/create-plan.js';
import { newTranslationKey, translationKeyOf } from '../localization/translation-groups.js';
import { PRESET_MODEL_NAME, decidePresetWrite, presetLocaleOfDocument, stampPresetOperationFields } from '../localization/presets.js';
import { describeUser } from '../localization/user.js';
import type { Runtime } from './runtime.js';
import { assertEnabledLocale, callerOf, fieldWritesOf, guard, localizationOf, targetOfDocument, type Caller } from './guard.js';
import { createEntry, entryOrNothing, newEntityId, saveEntry, writeOnce } from './entry-save.js';
import { applyContentChanges } from './loading.js';

function modelOf(runtime: Runtime, modelName: string): Model<ModelContext> {
    const model = runtime.schema.modelsByName.get(modelName);
    if (!model) throw new LocalizationError(`Model "${modelName}" is not in the schema of space "${runtime.options.spaceId}".`);
    return model;
}

function assertPresetWrite(runtime: Runtime, caller: Caller, action: 'create' | 'update' | 'delete', document?: Document): void {
    const decision = decidePresetWrite({
        action,
        user: caller.user,
        grant: caller.grant,
        requireUser: runtime.options.access?.requireUser,
        presetId: document?.id,
        presetLocale: document ? presetLocaleOfDocument(document) : undefined
    });
    if (!decision.allowed) {
        throw new AccessDeniedError({ user: describeUser(caller.user), action: `${action} presets`, documentId: document?.id, reason: decision.reason });
    }
}

/** CSI `createDocument`: a new entry in `locale`, or (with `defaultLocaleDocumentId`) a translation of an existing document. */
export async function createDocument(
    runtime: Runtime,
    options: { updateOperationFields: Record<string, UpdateOperationField>; model: Model; locale?: string; defaultLocaleDocumentId?: string; userContext?: unknown }
): Promise<{ documentId: string }> {
    const caller = callerOf(runtime, options.userContext);
    const { defaultLocale } = runtime.locales;
    const locale = options.locale ?? defaultLocale;
    assertEnabledLocale(runtime, locale, `create a "${options.model.name}" document`);
    const model = modelOf(runtime, options.model.name);
    const localization = localizationOf(runtime, model.name);
    let operationFields = options.updateOperationFields;
    if (model.name === PRESET_MODEL_NAME) {
        assertPresetWrite(runtime, caller, 'create');
        operationFields = stampPresetOperationFields(operationFields, { grant: caller.grant, locale, defaultLocale, user: caller.user });
    }
    const values = fieldsFromOperationFields({ updateOperationFields: operationFields, model, locale, defaultLocale });
    const source = options.defaultLocaleDocumentId ? runtime.store.documents.get(options.defaultLocaleDocumentId) : undefined;
    if (options.defaultLocaleDocumentId && !source) {
        throw new LocalizationError(`Cannot create the "${locale}" translation: document "${options.defaultLocaleDocumentId}" does not exist.`);
    }
    if (source && !localization.objectLevel) {
        // Field-level: a translation is more values on the same entry.
        guard(runtime, caller, 'create', targetOfDocument(runtime, source), { locales: [locale] });
        const contentType = runtime.schema.contentTypes.get(model.name)!;
        const entry = await saveEntry(runtime.conn, source.id, (current) =>
            planAddLocaleToEntry({ contentType, modelName: model.name, existing: current.fields, locale, values, defaultLocale, enabledLocales: runtime.locales.enabled, documentId: source.id }).fields
        );
        await applyContentChanges(runtime, { entries: [entry] });
        return { documentId: entry.sys.id };
    }
    if (localization.objectLevel) {
        const translationKey = groupKeyFor(runtime, localization.translationKeyField!, values, source, locale);
        values[localization.localeField!] = { [defaultLocale]: locale };
        values[localization.translationKeyField!] = { [defaultLocale]: translationKey };
    }
    if (model.name !== PRESET_MODEL_NAME) {
        guard(runtime, caller, 'create', { kind: 'document', modelName: model.name, objectLevel: localization.objectLevel, documentLocale: localization.objectLevel ? locale : undefined, hasLocalizedFields: localization.localizedFields.length > 0 }, { locales: [locale] });
    }
    const fields = source && localization.objectLevel ? await withGroupSharedFields(runtime, source.id, locale, values) : values;
    const entry = await createEntry(runtime.conn, { contentTypeId: model.name, fields, entryId: newEntityId() });
    await applyContentChanges(runtime, { entries: [entry] });
    return { documentId: entry.sys.id };
}

/** A new translation's shared fields are its group master's (SPEC §4), whatever the editor's form held. */
async function withGroupSharedFields(runtime: Runtime, groupMemberId: string, locale: string, values: LocalizedFields): Promise<LocalizedFields> {
    const { defaultLocale } = runtime.locales;
    const localization = localizationOf(runtime, runtime.store.documents.get(groupMemberId)!.modelName);
    const masterId = runtime.store.variantsOf(groupMemberId)[defaultLocale];
    if (locale === defaultLocale || localization.sharedFields.length === 0 || !masterId) return values;
    const master = await getEntry(runtime.conn, masterId);
    return withSharedFieldsFrom(values, master.fields as LocalizedFields, localization.sharedFields);
}

/** The translation key of a new object-level variant: its group's, the one given, or a new one. */
function groupKeyFor(runtime: Runtime, keyField: string, values: LocalizedFields, source: Document | undefined, locale: string): string {
    const { defaultLocale } = runtime.locales;
    if (source) {
        const existing = runtime.store.translations.findVariant(source.id, locale);
        if (existing) {
            throw new LocalizationError(`Cannot create a "${locale}" translation of document "${source.id}": document "${existing}" already is its "${locale}" variant.`);
        }
        const key = translationKeyOf(source, keyField, defaultLocale);
        if (key) return key;
        throw new LocalizationError(`Cannot add a translation to document "${source.id}": it has no translation key (field "${keyField}").`);
    }
    const given = values[keyField]?.[defaultLocale];
    return typeof given === 'string' && given.trim() !== '' ? given : newTranslationKey(newEntityId);
}

/** CSI `updateDocument`. */
export async function updateDocument(runtime: Runtime, options: { document: Document; operations: UpdateOperation[]; userContext?: unknown }): Promise<void> {
    const { document, operations } = options;
    const caller = callerOf(runtime, options.userContext);
    const { defaultLocale, enabled } = runtime.locales;
    const model = modelOf(runtime, document.modelName);
    const localization = localizationOf(runtime, document.modelName);
    const writes = operations.map((op) => ({ fieldId: String(op.fieldPath[0]), locale: op.locale }));
    for (const write of writes) {
        if (write.locale) assertEnabledLocale(runtime, write.locale, `edit field "${write.fieldId}" of document "${document.id}"`);
    }
    const groupVariants = localization.objectLevel ? runtime.store.variantsOf(document.id) : {};
    if (document.modelName === PRESET_MODEL_NAME) {
        assertPresetWrite(runtime, caller, 'update', document);
    } else {
        guard(runtime, caller, 'update', targetOfDocument(runtime, document), { fieldWrites: fieldWritesOf(localization, writes) });
    }
    checkFieldWrites({
        documentId: document.id,
        model: localization,
        documentLocale: document.locale,
        defaultLocale,
        enabledLocales: enabled,
        defaultVariantId: groupVariants[defaultLocale],
        writes
    });
    if (localization.objectLevel && writes.some((w) => w.fieldId === localization.localeField || w.fieldId === localization.translationKeyField)) {
        throw new LocalizationError(
            `Fields "${localization.localeField}" and "${localization.translationKeyField}" of document "${document.id}" are managed by the adapter: create or localize a translation instead of editing them.`
        );
    }
    let changedFieldIds: string[] = [];
    const entry = await saveEntry(runtime.conn, document.id, (current) => {
        const result = applyOperations({ fields: current.fields, operations, model, defaultLocale, documentId: document.id });
        changedFieldIds = [...new Set(result.touched.map((t) => t.fieldId))];
        return result.fields;
    });
    await applyContentChanges(runtime, { entries: [entry] });
    if (localization.objectLevel && localization.sharedFields.length > 0 && document.locale === defaultLocale) {
        await propagateSharedFields(runtime, entry, changedFieldIds, groupVariants);
    }
}

/**
 * Writes the default variant's shared fields to every other variant of its group. Each variant is
 * saved with the conflict-safe loop; failures are retried once, then reported by id.
 */
async function propagateSharedFields(runtime: Runtime, source: EntryProps, changedFieldIds: string[], variants: Record<string, string>): Promise<void> {
    const localization = localizationOf(runtime, source.sys.contentType.sys.id);
    const shared = changedFieldIds.filter((id) => localization.sharedFields.includes(id));
    const targets = Object.values(variants).filter((id) => id !== source.sys.id);
    if (shared.length === 0 || targets.length === 0) return;
    const propagateTo = async (variantId: string): Promise<EntryProps> =>
        saveEntry(runtime.conn, variantId, (current) => {
            const [update] = sharedFieldPropagation({
                sourceFields: source.fields,
                changedFieldIds: shared,
                model: localization,
                variants: [{ documentId: variantId, fields: current.fields }],
                defaultLocale: runtime.locales.defaultLocale,
                sourceDocumentId: source.sys.id
            });
            return update?.fields;
        });
    let pending = targets;
    const updated: EntryProps[] = [];
    const errors = new Map<string, unknown>();
    for (let round = 0; round < 2 && pending.length > 0; round++) {
        const results = await Promise.allSettled(pending.map(propagateTo));
        const failed: string[] = [];
        results.forEach((result, index) => {
            if (result.status === 'fulfilled') updated.push(result.value);
            else {
                failed.push(pending[index]!);
                errors.set(pending[index]!, result.reason);
            }
        });
        pending = failed;
    }
    await applyContentChanges(runtime, { entries: updated });
    if (pending.length > 0) {
        const reasons = pending.map((id) => `${id}: ${(errors.get(id) as Error)?.message ?? 'unknown error'}`).join('; ');
        throw new LocalizationError(`${describePropagationFailure(pending, shared, source.sys.id)} (${reasons})`);
    }
}

type RemovalAction = 'delete' | 'archive';

/** Unpublishes if needed, then deletes or archives; if that fails, republishes what it unpublished. */
async function removeEntry(runtime: Runtime, document: Document, action: RemovalAction, userContext: unknown): Promise<void> {
    const caller = callerOf(runtime, userContext);
    if (document.modelName === PRESET_MODEL_NAME && action === 'delete') {
        assertPresetWrite(runtime, caller, 'delete', document);
    } else {
        guard(runtime, caller, action, targetOfDocument(runtime, document));
    }
    let entry: EntryProps;
    try {
        entry = await getEntry(runtime.conn, document.id);
    } catch (error) {
        if (error instanceof ContentfulRequestError && error.status === 404 && action === 'delete') {
            await applyContentChanges(runtime, { deletedEntryIds: [document.id] });
            return;
        }
        throw error;
    }
    const published = entry.sys.publishedVersion !== undefined;
    // Each step is written once: a lost answer whose retry is refused is checked against Contentful's state.
    const current = () => entryOrNothing(runtime.conn, document.id);
    const unpublished = published
        ? await writeOnce(() => unpublishEntry(runtime.conn, entry), async () => current().then((e) => (e && e.sys.publishedVersion === undefined ? e : undefined)))
        : entry;
    try {
        if (action === 'delete') {
            await writeOnce(() => deleteEntry(runtime.conn, document.id), async () => ((await current()) === undefined ? 'deleted' : undefined));
            await applyContentChanges(runtime, { deletedEntryIds: [document.id] });
        } else {
            const archived = await writeOnce(() => archiveEntry(runtime.conn, document.id), async () => current().then((e) => (e?.sys.archivedVersion !== undefined ? e : undefined)));
            await applyContentChanges(runtime, { entries: [archived] });
        }
    } catch (error) {
        if (published) {
            // Leave the document as the editor saw it: published.
            await publishEntry(runtime.conn, unpublished).then(
                (republished) => applyContentChanges(runtime, { entries: [republished] }),
                () => undefined
            );
        }
        throw error;
    }
}

export function deleteDocument(runtime: Runtime, options: { document: Document; userContext?: unknown }): Promise<void> {
    return removeEntry(runtime, options.document, 'delete', options.userContext);
}

export function archiveDocument(runtime: Runtime, options: { document: Document; userContext?: unknown }): Promise<void> {
    return removeEntry(runtime, options.document, 'archive', options.userContext);
}

export async function unarchiveDocument(runtime: Runtime, options: { document: Document; userContext?: unknown }): Promise<void> {
    guard(runtime, callerOf(runtime, options.userContext), 'unarchive', targetOfDocument(runtime, options.document));
    const entry = await writeOnce(
        () => unarchiveEntry(runtime.conn, options.document.id),
        async () => entryOrNothing(runtime.conn, options.document.id).then((e) => (e && e.sys.archivedVersion === undefined ? e : undefined))
    );
    await applyContentChanges(runtime, { entries: [entry] });
}
