/**
 * Locale work at scale (N = 50,000, L = 10 by default), in one child process: the pure localization
 * rules run over every document the adapter holds after a cold load.
 *
 * - locale assignment: the object-level locale of every raw entry (createLocaleAssigner);
 * - engine filtering: `!doc.locale || doc.locale === L` for every enabled locale, as the engine does
 *   when the editor switches locale;
 * - fallback resolution: localizationStatus for every document (object-level documents with their
 *   translation group), and resolveDocumentFields of every field-level document in every locale;
 * - publish filtering: filterPublishable for a user in Specific mode, and planPublish for a user
 *   restricted to two locales (locale-based publishing on and off).
 */
import type { Document } from '@stackbit/types';
import { createRuntime } from '../src/source/runtime.js';
import { resolveOptions } from '../src/source/resolve-options.js';
import { createLocaleAssigner } from '../src/localization/locale-assignment.js';
import { localizationStatus, resolveDocumentFields } from '../src/localization/inheritance.js';
import { filterPublishable, planPublish } from '../src/localization/publish-filter.js';
import type { EntryProps } from 'contentful-management';
import { childMain, childParams } from './child.js';
import { oursOptions } from './contenders.js';
import { serveSpace, silentLogger } from './harness.js';
import { generateSpace } from './space-generator.js';

export interface LocaleWorkParams {
    entries: number;
    locales: number;
    reps: number;
}

export interface LocaleWorkStep {
    step: string;
    /** Calls of the rule per repetition. */
    calls: number;
    /** Best repetition (ms). */
    ms: number;
    /** Per 1,000 documents (ms). */
    msPer1000: number;
    result: string;
}

export interface LocaleWorkMeasurement extends LocaleWorkParams {
    documents: number;
    steps: LocaleWorkStep[];
}

function timed(reps: number, run: () => string): { ms: number; result: string } {
    let best = Number.POSITIVE_INFINITY;
    let result = '';
    for (let rep = 0; rep < reps; rep += 1) {
        const started = performance.now();
        result = run();
        best = Math.min(best, performance.now() - started);
    }
    return { ms: best, result };
}

childMain(async (): Promise<LocaleWorkMeasurement> => {
    const params = childParams<LocaleWorkParams>();
    const generated = generateSpace({ entries: params.entries, locales: params.locales });
    const emulator = serveSpace(generated.space);
    const runtime = await createRuntime(resolveOptions(oursOptions(generated.space)), silentLogger(), undefined);
    emulator.close();
    const entries = generated.space.listEntries() as unknown as EntryProps[];
    const documents: Document[] = entries.map((entry) => runtime.schema.convertEntry(entry));
    runtime.store.resetDocuments(documents as never);
    const locales = runtime.locales;
    const steps: LocaleWorkStep[] = [];
    const step = (name: string, calls: number, run: () => string) => {
        const { ms, result } = timed(params.reps, run);
        steps.push({ step: name, calls, ms: Math.round(ms * 10) / 10, msPer1000: Math.round((ms / documents.length) * 1000 * 100) / 100, result });
    };

    step('locale assignment (object-level locale of every raw entry)', entries.length, () => {
        const assigner = createLocaleAssigner({ models: ['page'], localeField: 'locale', locales });
        let assigned = 0;
        for (const entry of entries) if (assigner.assign(entry) !== undefined) assigned += 1;
        return `${assigned} object-level entries assigned`;
    });

    step(`engine filtering (no locale, or locale = L) for each of ${locales.enabled.length} locales`, documents.length * locales.enabled.length, () => {
        const sizes = locales.enabled.map((locale) => documents.filter((document) => !document.locale || document.locale === locale).length);
        return `visible per locale: ${Math.min(...sizes)}–${Math.max(...sizes)}`;
    });

    step('localizationStatus of every document (object-level with its translation group)', documents.length, () => {
        let inherited = 0;
        for (const document of documents) {
            const model = runtime.schema.localization.get(document.modelName)!;
            const statuses = localizationStatus({
                document,
                model,
                locales,
                variants: model.objectLevel ? runtime.store.variantsOf(document.id) : undefined,
                fieldStatus: model.objectLevel ? undefined : (document.context as { sys: { fieldStatus?: Record<string, 'draft' | 'changed' | 'published'> } }).sys.fieldStatus
            });
            inherited += statuses.filter((status) => status.state === 'inherited').length;
        }
        return `${inherited} inherited (document, locale) pairs`;
    });

    const fieldLevel = documents.filter((document) => !document.locale);
    step(`resolveDocumentFields of every field-level document in each of ${locales.enabled.length} locales`, fieldLevel.length * locales.enabled.length, () => {
        let fromFallback = 0;
        for (const document of fieldLevel) {
            for (const locale of locales.enabled) {
                const resolved = resolveDocumentFields(document, locale, locales);
                for (const fieldId in resolved.from) if (resolved.from[fieldId] !== locale && resolved.from[fieldId] !== locales.defaultLocale) fromFallback += 1;
            }
        }
        return `${fromFallback} values from a fallback locale other than the default`;
    });

    const specific = locales.enabled[1] ?? locales.defaultLocale;
    step(`filterPublishable, Specific mode ${specific}`, documents.length, () => {
        const result = filterPublishable({ documents, mode: { kind: 'specific', locale: specific }, models: runtime.schema.localization });
        return `${result.documents.length} publishable, ${result.skipped.length} skipped`;
    });

    const restricted = { locales: locales.enabled.slice(1, 3) };
    for (const localeBasedPublishing of [true, false]) {
        step(`planPublish, user restricted to ${restricted.locales.join(' + ')}, locale-based publishing ${localeBasedPublishing ? 'on' : 'off'}`, documents.length, () => {
            const plan = planPublish({
                documents,
                grant: { locales: restricted.locales, source: 0 },
                localeBasedPublishing,
                defaultLocale: locales.defaultLocale,
                models: runtime.schema.localization,
                enabledLocales: locales.enabled,
                changedLocales: (item) => Object.keys((item.context as { sys: { fieldStatus?: Record<string, string> } }).sys.fieldStatus ?? {}).filter((code) => (item.context as { sys: { fieldStatus: Record<string, string> } }).sys.fieldStatus[code] !== 'published')
            });
            return `${plan.whole.length} whole, ${plan.perLocale.length} per locale, ${plan.skipped.length} skipped`;
        });
    }
    return { ...params, documents: documents.length, steps };
});
