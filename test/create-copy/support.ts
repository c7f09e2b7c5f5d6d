/**
 * Shared setup for the create / copy / custom-action tests: the demo space with its object-level
 * pages, a French-only editor, and small readers of the emulator's state.
 */
import type { EmulatedSpace } from '../../src/emulator/index.js';
import type { LocalizedContentfulSourceOptions } from '../../src/options.js';
import { LocalizedContentfulSource } from '../../src/index.js';
import { DEMO_OBJECT_LEVEL, testOptions, useEmulator } from '../helpers/emulator.js';
import { useEngine } from '../helpers/engine.js';

/** Jean may edit French only; everybody else is global. */
export const FRENCH_ONLY_ACCESS = { rules: [{ emails: ['*@acme.fr'], locales: ['fr'] }], default: '*' as const };

/** The demo space's localization plus the French-only rule. */
export function demoOptions(overrides: LocalizedContentfulSourceOptions = {}): LocalizedContentfulSourceOptions {
    return { objectLevel: DEMO_OBJECT_LEVEL, access: FRENCH_ONLY_ACCESS, ...overrides };
}

/** The merged user context the engine passes to CSI methods. */
export function userContext(email: string) {
    return { name: email.split('@')[0]!, email, type: 'contentful', accessToken: 'user-token' };
}

/** Plain values of an entry's field under one locale key, straight from the emulator. */
export function entryValue(space: EmulatedSpace, entryId: string, fieldId: string, locale = 'en-US'): unknown {
    return space.getEntry(entryId)?.fields[fieldId]?.[locale];
}

/** Ids of every entry of a content type in the emulator. */
export function entryIdsOf(space: EmulatedSpace, contentTypeId: string): string[] {
    return space
        .listEntries()
        .filter((entry) => entry.sys.contentType?.sys.id === contentTypeId)
        .map((entry) => entry.sys.id);
}

/** Entries of a translation group (object-level pages), locale → id. */
export function groupInSpace(space: EmulatedSpace, translationKey: string): Record<string, string> {
    const group: Record<string, string> = {};
    for (const entry of space.listEntries()) {
        if (entry.fields.translationKey?.['en-US'] === translationKey) {
            group[String(entry.fields.locale?.['en-US'])] = entry.sys.id;
        }
    }
    return group;
}

/**
 * The demo space behind the emulator and, per test, the adapter (demo options) inside a real engine,
 * with the request log cleared after the load. Call once per describe block.
 */
export function useDemoEngine() {
    const emulator = useEmulator();
    const startTestEngine = useEngine();
    const start = async (overrides: LocalizedContentfulSourceOptions = {}) => {
        const source = new LocalizedContentfulSource(testOptions(emulator.space, demoOptions(overrides)));
        const engine = await startTestEngine({ contentSources: [source] });
        emulator.log.clear();
        return { source, store: engine.store, srcProjectId: emulator.space.spaceId };
    };
    return { emulator, start };
}
