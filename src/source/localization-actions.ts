/**
 * The localization API beyond the CSI: status, alternates, explain, localize / unlocalize,
 * copy entry and multi-locale create. Plans come from `localization/`; this file fetches what they
 * need, checks access for every locale written, and writes all-or-nothing.
 */
import type { UpdateOperationField } from '@stackbit/types';
import type { EntryProps } from 'contentful-management';
import { LocalizationError } from '../errors.js';
import { deleteEntry, getEntry } from '../contentful/api.js';
import { fieldsFromOperationFields } from '../contentful/create-fields.js';
import type { LocalizedFields } from '../contentful/types.js';
import { explainAccess, type AccessExplanation, type ExplainInput } from '../localization/explain.js';
import { localizationStatus, type LocaleLocalizationStatus } from '../localization/inheritance.js';
import { localizeFields, planLocalizeVariant, planUnlocalizeVariant, uniqueValuesForVariant, unlocalizeFields, variantFieldsFromSource } from '../localization/localize.js';
import { planCopy } from '../localization/copy-plan.js';
import { planCreate } from '../localization/create-plan.js';
import { newTranslationKey, translationKeyOf } from '../localization/translation-groups.js';
import type { LocaleStatus } from '../contentful/types.js';
import type { Runtime } from './runtime.js';
import { assertEnabledLocale, callerOf, guard, localizationOf, targetOfDocument } from './guard.js';
import { createEntry, entryOrNothing, newEntityId, saveEntry, writeOnce } from './entry-save.js';
import { applyContentChanges } from './loading.js';
import { deleteDocument } from './document-writes.js';
import type { SourceDocument } from './document-store.js';

function documentOf(runtime: Runtime, documentId: string): SourceDocument {
    const document = runtime.store.documents.get(documentId);
    if (!document) throw new LocalizationError(`Document "${documentId}" does not exist in space "${runtime.options.spaceId}" (or was deleted).`);
    return document;
}

export function explain(runtime: Runtime, input: Omit<ExplainInput, 'access' | 'locales' | 'models'> & { documentId?: string }): AccessExplanation {
    const document = input.document ?? (input.documentId ? documentOf(runtime, input.documentId) : undefined);
    return explainAccess({ ...input, document, access: runtime.options.access, locales: runtime.locales, models: runtime.schema.localization });
}

export function alternatesOf(runtime: Runtime, documentId: string): Record<string, string> {
    const document = documentOf(runtime, documentId);
    const alternates = runtime.store.translations.alternates(documentId);
    return Object.keys(alternates).length > 0 ? alternates : document.locale ? { [document.locale]: documentId } : {};
}

export function localizationStatusOf(runtime: Runtime, documentId: string): LocaleLocalizationStatus[] {
    const document = documentOf(runtime, documentId);
    const model = localizationOf(runtime, document.modelName);
    if (!model.objectLevel) {
        return localizationStatus({ document, model, locales: runtime.locales, fieldStatus: document.context.sys.fieldStatus });
    }
    const variants = runtime.store.variantsOf(documentId);
    const fieldStatus: Record<string, LocaleStatus> = {};
    for (const [locale, id] of Object.entries(variants)) {
        const status = runtime.store.documents.get(id)?.status;
        fieldStatus[locale] = status === 'published' ? 'published' : status === 'modified' ? 'changed' : 'draft';
    }
    return localizationStatus({ document, model, locales: runtime.locales, variants, fieldStatus });
}

/** Creates entries in order; if one fails, deletes the ones already created (no half-created groups). */
async function createAllOrNothing(runtime: Runtime, contentTypeId: string, entries: { fields: LocalizedFields }[]): Promise<EntryProps[]> {
    const created: EntryProps[] = [];
    try {
        for (const entry of entries) {
            created.push(await createEntry(runtime.conn, { contentTypeId, fields: entry.fields, entryId: newEntityId() }));
        }
    } catch (error) {
        const leftovers: string[] = [];
        for (const entry of created) {
            // A delete whose answer was lost is not a leftover: the retry's 404 is checked.
            const gone = async () => ((await entryOrNothing(runtime.conn, entry.sys.id)) === undefined ? 'deleted' : undefined);
            await writeOnce(() => deleteEntry(runtime.conn, entry.sys.id), gone).catch(() => leftovers.push(entry.sys.id));
        }
        const cleanup = leftovers.length ? ` Could not remove ${leftovers.map((id) => `"${id}"`).join(', ')}: delete them by hand.` : ' Nothing was left behind.';
        throw new LocalizationError(`Creating ${entries.length} "${contentTypeId}" entries failed after ${created.length}: ${(error as Error).message}.${cleanup}`);
    }
    await applyContentChanges(runtime, { entries: created });
    return created;
}

export async function localize(runtime: Runtime, options: { documentId: string; locale: string; fields?: string[]; userContext?: unknown }): Promise<{ documentId: string }> {
    const document = documentOf(runtime, options.documentId);
    const model = localizationOf(runtime, document.modelName);
    const caller = callerOf(runtime, options.userContext);
    assertEnabledLocale(runtime, options.locale, `localize document "${document.id}"`);
    const chain = runtime.locales.fallbackChains[options.locale] ?? [];
    if (!model.objectLevel) {
        // A named field that is not localized is refused by the plan below with a LocalizationError naming it;
        // handing it to the access guard would turn that into a misleading "Access denied".
        const only = (options.fields ?? model.localizedFields).filter((fieldId) => model.localizedFields.includes(fieldId));
        guard(runtime, caller, 'update', targetOfDocument(runtime, document), {
            fieldWrites: only.map((fieldId) => ({ fieldId, localized: true, locale: options.locale }))
        });
        const entry = await saveEntry(runtime.conn, document.id, (current) => {
            const result = localizeFields({ fields: current.fields, locale: options.locale, chain, localizedFieldIds: model.localizedFields, only: options.fields, documentId: document.id });
            return result.copied.length > 0 ? result.fields : undefined;
        });
        await applyContentChanges(runtime, { entries: [entry] });
        return { documentId: document.id };
    }
    const variants = runtime.store.variantsOf(document.id);
    const plan = planLocalizeVariant({ variants, locale: options.locale, chain, enabled: runtime.locales.enabled, documentId: document.id });
    guard(runtime, caller, 'create', { kind: 'document', modelName: document.modelName, objectLevel: true, documentLocale: options.locale, hasLocalizedFields: model.localizedFields.length > 0 }, { locales: [options.locale] });
    const source = await getEntry(runtime.conn, plan.sourceDocumentId);
    const translationKey = translationKeyOf(documentOf(runtime, plan.sourceDocumentId), model.translationKeyField!, runtime.locales.defaultLocale);
    if (!translationKey) throw new LocalizationError(`Cannot localize document "${document.id}": it has no translation key (field "${model.translationKeyField}").`);
    const copied = variantFieldsFromSource({
        sourceFields: source.fields,
        locale: options.locale,
        localeField: model.localeField!,
        translationKeyField: model.translationKeyField!,
        translationKey,
        defaultLocale: runtime.locales.defaultLocale
    });
    const fields = uniqueValuesForVariant(copied, runtime.schema.contentTypes.get(document.modelName)?.fields ?? [], options.locale);
    const [created] = await createAllOrNothing(runtime, document.modelName, [{ fields }]);
    return { documentId: created!.sys.id };
}

export async function unlocalize(runtime: Runtime, options: { documentId: string; locale: string; fields?: string[]; userContext?: unknown }): Promise<void> {
    const document = documentOf(runtime, options.documentId);
    const model = localizationOf(runtime, document.modelName);
    const caller = callerOf(runtime, options.userContext);
    assertEnabledLocale(runtime, options.locale, `unlocalize document "${document.id}"`);
    if (!model.objectLevel) {
        // A named field that is not localized is refused by the plan below with a LocalizationError naming it;
        // handing it to the access guard would turn that into a misleading "Access denied".
        const only = (options.fields ?? model.localizedFields).filter((fieldId) => model.localizedFields.includes(fieldId));
        guard(runtime, caller, 'update', targetOfDocument(runtime, document), {
            fieldWrites: only.map((fieldId) => ({ fieldId, localized: true, locale: options.locale }))
        });
        const entry = await saveEntry(runtime.conn, document.id, (current) => {
            const result = unlocalizeFields({
                fields: current.fields,
                locale: options.locale,
                localizedFieldIds: model.localizedFields,
                only: options.fields,
                defaultLocale: runtime.locales.defaultLocale,
                documentId: document.id
            });
            return result.removed.length > 0 ? result.fields : undefined;
        });
        await applyContentChanges(runtime, { entries: [entry] });
        return;
    }
    const { documentId } = planUnlocalizeVariant({ variants: runtime.store.variantsOf(document.id), locale: options.locale, defaultLocale: runtime.locales.defaultLocale, documentId: document.id });
    await deleteDocument(runtime, { document: documentOf(runtime, documentId), userContext: options.userContext });
}

export async function copyDocument(
    runtime: Runtime,
    options: { documentId: string; scope: 'current-locale' | 'all-locales'; locale?: string; userContext?: unknown }
): Promise<{ documentIds: string[] }> {
    const document = documentOf(runtime, options.documentId);
    const model = localizationOf(runtime, document.modelName);
    const contentType = runtime.schema.contentTypes.get(document.modelName)!;
    const locale = options.locale ?? document.locale ?? runtime.locales.defaultLocale;
    assertEnabledLocale(runtime, locale, `copy document "${document.id}"`);
    let input: Parameters<typeof planCopy>[0];
    const common = { scope: options.scope, locale, locales: runtime.locales, contentType, now: new Date(), newTranslationKey: newTranslationKey(newEntityId) };
    if (model.objectLevel) {
        const variantIds = runtime.store.variantsOf(document.id);
        const entries = await Promise.all(Object.entries(variantIds).map(async ([code, id]) => [code, await getEntry(runtime.conn, id)] as const));
        const variants = Object.fromEntries(entries.map(([code, entry]) => [code, { id: entry.sys.id, fields: entry.fields as LocalizedFields }]));
        input = { ...common, objectLevel: { localeField: model.localeField!, translationKeyField: model.translationKeyField!, sharedFields: model.sharedFields, variants } };
    } else {
        const entry = await getEntry(runtime.conn, document.id);
        input = { ...common, entry: { id: entry.sys.id, fields: entry.fields as LocalizedFields } };
    }
    const plan = planCopy(input);
    guard(runtime, callerOf(runtime, options.userContext), 'create', { kind: 'document', modelName: document.modelName, objectLevel: model.objectLevel, hasLocalizedFields: model.localizedFields.length > 0 }, { locales: plan.localesWritten });
    if (model.objectLevel) {
        // Object-level copies are checked per variant too: each is a document of its own locale.
        for (const entry of plan.entries) {
            guard(runtime, callerOf(runtime, options.userContext), 'create', { kind: 'document', modelName: document.modelName, objectLevel: true, documentLocale: entry.locale, hasLocalizedFields: model.localizedFields.length > 0 }, { locales: entry.locale ? [entry.locale] : [] });
        }
    }
    const created = await createAllOrNothing(runtime, document.modelName, plan.entries);
    return { documentIds: created.map((entry) => entry.sys.id) };
}

export async function createInLocales(
    runtime: Runtime,
    options: { modelName: string; locales: string[]; valuesByLocale: Record<string, Record<string, UpdateOperationField>>; userContext?: unknown }
): Promise<{ documentIds: string[] }> {
    const model = localizationOf(runtime, options.modelName);
    const schemaModel = runtime.schema.modelsByName.get(options.modelName)!;
    const contentType = runtime.schema.contentTypes.get(options.modelName)!;
    const { defaultLocale } = runtime.locales;
    for (const locale of options.locales) assertEnabledLocale(runtime, locale, `create a "${options.modelName}" document`);
    guard(runtime, callerOf(runtime, options.userContext), 'create', { kind: 'document', modelName: options.modelName, objectLevel: model.objectLevel, hasLocalizedFields: model.localizedFields.length > 0 }, { locales: options.locales });
    const valuesByLocale: Record<string, LocalizedFields> = {};
    for (const locale of options.locales) {
        valuesByLocale[locale] = fieldsFromOperationFields({ updateOperationFields: options.valuesByLocale[locale] ?? {}, model: schemaModel, locale, defaultLocale });
    }
    const plan = planCreate({
        contentType,
        model,
        locales: options.locales,
        valuesByLocale,
        defaultLocale,
        enabledLocales: runtime.locales.enabled,
        translationKey: model.objectLevel ? newTranslationKey(newEntityId) : undefined
    });
    const created = await createAllOrNothing(runtime, options.modelName, plan.entries);
    return { documentIds: created.map((entry) => entry.sys.id) };
}
