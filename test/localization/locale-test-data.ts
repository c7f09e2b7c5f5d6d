/**
 * Shared test data for the locale / inheritance / localize tests: real recorded Contentful
 * responses and a small locale context built from them.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { LocalizationError } from '../../src/errors.js';
import { fileURLToPath } from 'node:url';
import { resolveLocaleContext } from '../../src/localization/locales.js';
import type { DocumentField, DocumentWithSource } from '@stackbit/types';
import type { LocaleContext } from '../../src/localization/types.js';

const recordingsDir = new URL('../fixtures/contentful-recordings/', import.meta.url);

/** Parses one recorded Contentful response body. */
export function loadRecording<T = unknown>(fileName: string): T {
    return JSON.parse(readFileSync(fileURLToPath(new URL(fileName, recordingsDir)), 'utf8')) as T;
}

/** `items` of a recorded collection response. */
export function loadRecordedItems(fileName: string): unknown[] {
    return loadRecording<{ items: unknown[] }>(fileName).items;
}

/** en-US (default) ← en-GB ← en-AU, from the recorded PHP locales collection. */
export function englishChainContext(enabled?: string[]): LocaleContext {
    return resolveLocaleContext({ spaceLocales: loadRecordedItems('php-locales-3-fallback-chain-en-AU-en-GB-en-US.json'), enabled }).context;
}

/** A locale as the CMA returns it (only the fields the rules read). */
export function spaceLocale(code: string, fallbackCode: string | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { code, name: code, fallbackCode, default: false, contentManagementApi: true, ...extra };
}

/**
 * A hand-made space: en-US default; fr → en-US; fr-CA → fr; de → en-US; it (no fallback).
 * Used where the recordings have no non-English chain.
 */
export function europeanContext(enabled?: string[]): LocaleContext {
    return resolveLocaleContext({
        spaceLocales: [
            spaceLocale('en-US', null, { default: true }),
            spaceLocale('fr', 'en-US'),
            spaceLocale('fr-CA', 'fr'),
            spaceLocale('de', 'en-US'),
            spaceLocale('it', null)
        ],
        enabled
    }).context;
}

/**
 * A Stackbit document built from a raw CMA entry the way the adapter's converter shapes fields:
 * localized fields as `{ localized: true, locales }` holding only the locales with a value,
 * non-localized fields as `{ value }` from the default locale. Every field is typed `string` or
 * `json`, which is all these rules look at.
 */
export function documentFromEntry(
    entry: { sys: { id: string; createdAt: string; updatedAt: string; contentType: { sys: { id: string } } }; fields: Record<string, Record<string, unknown>> },
    options: { localizedFields: readonly string[]; defaultLocale: string; locale?: string; srcType?: string; srcProjectId?: string }
): DocumentWithSource {
    const fields: Record<string, DocumentField> = {};
    for (const [fieldId, perLocale] of Object.entries(entry.fields ?? {})) {
        const type = Object.values(perLocale).every((value) => typeof value === 'string') ? 'string' : 'json';
        if (options.localizedFields.includes(fieldId)) {
            const locales = Object.fromEntries(
                Object.entries(perLocale)
                    .filter(([, value]) => value !== null && value !== undefined)
                    .map(([locale, value]) => [locale, { locale, value: value as string }])
            );
            fields[fieldId] = { type, localized: true, locales } as DocumentField;
        } else if (perLocale[options.defaultLocale] !== undefined && perLocale[options.defaultLocale] !== null) {
            fields[fieldId] = { type, value: perLocale[options.defaultLocale] } as DocumentField;
        }
    }
    return {
        type: 'document',
        id: entry.sys.id,
        manageUrl: `https://app.contentful.com/entries/${entry.sys.id}`,
        modelName: entry.sys.contentType.sys.id,
        status: 'published',
        createdAt: entry.sys.createdAt,
        updatedAt: entry.sys.updatedAt,
        locale: options.locale,
        fields,
        context: {},
        srcType: options.srcType ?? 'contentful',
        srcProjectId: options.srcProjectId ?? 'space1'
    };
}

/** The LocalizationError `run` throws (fails the test when it throws nothing or something else). */
export function refusal(run: () => unknown): LocalizationError {
    try {
        run();
    } catch (error) {
        expect(error).toBeInstanceOf(LocalizationError);
        return error as LocalizationError;
    }
    throw new Error('expected a LocalizationError');
}
