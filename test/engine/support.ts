/**
 * Shared set-up of the engine-driven access tests: the demo space behind the emulator, the adapter
 * with the demo's object-level settings and access rules, a real cms-core ContentStore around it
 * (with the permission helpers in its config, as a site's stackbit.config.ts would have them), and
 * the calls the Visual Editor makes, written the way the editor makes them.
 */
import { afterEach, expect } from 'vitest';
import type { StackbitConfig } from '@stackbit/types';
import type { ContentStoreTypes } from '@stackbit/cms-core';
import { AccessDeniedError, LocalizedContentfulSource } from '../../src/index.js';
import type { AccessOptions, LocalizedContentfulSourceOptions } from '../../src/options.js';
import type { EmulatorHandle } from '../helpers/emulator.js';
import { DEMO_OBJECT_LEVEL, testOptions } from '../helpers/emulator.js';
import { engineUser, startEngine, type EngineHandle } from '../helpers/engine.js';

/** The access rules of these tests: French editors get fr and fr-CA, German editors de, everyone else everything. */
export const ACCESS: AccessOptions = {
    rules: [
        { emails: ['*@acme.fr'], locales: ['fr', 'fr-CA'] },
        { roles: ['translator-de'], locales: ['de'] }
    ],
    default: '*'
};

/** A global user (no rule matches, `access.default` is `'*'`). */
export const ALICE = engineUser('alice@acme.com', { name: 'Alice' });
/** A user restricted to fr and fr-CA (email rule). */
export const JEAN = engineUser('jean@acme.fr', { name: 'Jean' });
/** A user restricted to de (role rule). */
export const GRETA = engineUser('greta@example.org', { name: 'Greta', role: 'translator-de' });

/** An engine user, as the Studio sends it (with `connections`). */
export type EngineUser = ContentStoreTypes.User;

/** What a test drives: the engine, the adapter inside it, and the emulator behind both. */
export interface EngineContext {
    engine: EngineHandle;
    source: LocalizedContentfulSource;
    emulator: EmulatorHandle;
    /** srcType and srcProjectId, for every engine call. */
    ref: { srcType: string; srcProjectId: string };
}

/** The permission helpers a site spreads into stackbit.config.ts. */
export function permissionConfigFor(source: LocalizedContentfulSource): Pick<StackbitConfig, 'permissionsForDocument' | 'permissionsForModel'> {
    return source.permissionHelpers();
}

/** Starts the adapter (demo object-level settings, {@link ACCESS}) inside a ContentStore. */
export async function startAccessEngine(
    emulator: EmulatorHandle,
    overrides: LocalizedContentfulSourceOptions = {},
    config: Partial<StackbitConfig> = {}
): Promise<EngineContext> {
    const source = new LocalizedContentfulSource(
        testOptions(emulator.space, {
            objectLevel: DEMO_OBJECT_LEVEL,
            access: ACCESS,
            // No background polling during a test: every change the engine sees comes from the adapter's own writes.
            sync: { pollIntervalMs: 3_600_000, deletionCheckIntervalMs: 3_600_000 },
            ...overrides
        })
    );
    const engine = await startEngine({ contentSources: [source], config: { ...permissionConfigFor(source), ...config } });
    // Loading the space is not what the tests are about.
    emulator.log.clear();
    return { engine, source, emulator, ref: { srcType: source.getContentSourceType(), srcProjectId: source.getProjectId() } };
}

/**
 * Registers the per-test engine lifecycle and returns `start`: each test starts its engine with
 * {@link startAccessEngine}, and it is destroyed after the test.
 */
export function useAccessEngine(emulator: EmulatorHandle): (overrides?: LocalizedContentfulSourceOptions, config?: Partial<StackbitConfig>) => Promise<EngineContext> {
    let current: EngineContext | undefined;
    afterEach(async () => {
        await current?.engine.destroy();
        current = undefined;
    });
    return async (overrides = {}, config = {}) => {
        current = await startAccessEngine(emulator, overrides, config);
        return current;
    };
}

/** What a refusal must name. */
export interface RefusalExpectation {
    user: string;
    /** The verb of the action, as in the message: "edit", "create", "delete", "upload assets", … */
    action: string;
    document?: string;
    field?: string;
    locale?: string;
}

/**
 * Asserts that `call` is refused with an AccessDeniedError naming the user, action, document,
 * field and locale, and that no request other than a GET reached Contentful meanwhile.
 */
export async function expectRefused(ctx: EngineContext, call: () => Promise<unknown>, expected: RefusalExpectation): Promise<AccessDeniedError> {
    ctx.emulator.log.clear();
    const error = await call().then(
        () => undefined,
        (caught: unknown) => caught
    );
    expect(error, `expected ${expected.user} to be refused to ${expected.action}`).toBeInstanceOf(AccessDeniedError);
    const denied = error as AccessDeniedError;
    expect(denied.message).toContain(`Access denied: ${expected.user} may not ${expected.action}`);
    expect(denied.user).toBe(expected.user);
    if (expected.document) {
        expect(denied.documentId).toBe(expected.document);
        expect(denied.message).toContain(`"${expected.document}"`);
    }
    if (expected.field) expect(denied.message).toContain(`field "${expected.field}"`);
    if (expected.locale) {
        expect(denied.locale).toBe(expected.locale);
        expect(denied.message).toContain(`locale "${expected.locale}"`);
    }
    expect(ctx.emulator.log.writes().map((request) => `${request.method} ${request.path}`)).toEqual([]);
    return denied;
}

/** The entry as Contentful holds it now (emulator state, not the adapter's cache). */
export function storedEntry(ctx: EngineContext, id: string) {
    return ctx.emulator.space.getEntry(id);
}

/** Writes that reached Contentful since the last clear, as `METHOD route`. */
export function writeRoutes(ctx: EngineContext): string[] {
    return ctx.emulator.log.writes().map((request) => `${request.method} ${request.route}`);
}

// ---------------------------------------------------------------------------------------------
// The editor's calls, through the ContentStore

type FieldValue = string | number | boolean;

function valueField(value: FieldValue): ContentStoreTypes.UpdateOperationField {
    return (typeof value === 'number' ? { type: 'number', value } : typeof value === 'boolean' ? { type: 'boolean', value } : { type: 'string', value }) as ContentStoreTypes.UpdateOperationField;
}

/** The editor sets one field; `locale` undefined is Global mode (the engine sends no locale). */
export function setField(ctx: EngineContext, user: EngineUser | undefined, documentId: string, field: string, value: FieldValue, locale?: string) {
    return ctx.engine.store.updateDocument({
        ...ctx.ref,
        srcDocumentId: documentId,
        updateOperations: [{ opType: 'set', fieldPath: [field], field: valueField(value), ...(locale ? { locale } : {}) }],
        user
    });
}

/** The editor creates a document of `modelName` (in `locale`, or Global mode), optionally as a translation. */
export function createIn(ctx: EngineContext, user: EngineUser | undefined, modelName: string, object: Record<string, unknown>, locale?: string, defaultLocaleDocumentId?: string) {
    return ctx.engine.store.createDocument({ ...ctx.ref, modelName, object, locale, defaultLocaleDocumentId, user });
}

export function deleteDoc(ctx: EngineContext, user: EngineUser | undefined, documentId: string) {
    return ctx.engine.store.deleteDocument({ ...ctx.ref, srcDocumentId: documentId, user });
}

export function archiveDoc(ctx: EngineContext, user: EngineUser | undefined, documentId: string) {
    return ctx.engine.store.archiveDocument({ ...ctx.ref, srcDocumentId: documentId, user });
}

export function unarchiveDoc(ctx: EngineContext, user: EngineUser | undefined, documentId: string) {
    return ctx.engine.store.unarchiveDocument({ ...ctx.ref, srcDocumentId: documentId, user });
}

export function publish(ctx: EngineContext, user: EngineUser | undefined, ids: string[]) {
    return ctx.engine.store.publishDocuments({ objects: ids.map((id) => ({ ...ctx.ref, srcObjectId: id })), user });
}

export function unpublish(ctx: EngineContext, user: EngineUser | undefined, ids: string[]) {
    return ctx.engine.store.unpublishDocuments({ objects: ids.map((id) => ({ ...ctx.ref, srcObjectId: id })), user });
}

/** A 1×1 PNG, the way the editor uploads a dropped file (a data URL). */
export const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export function uploadImage(ctx: EngineContext, user: EngineUser | undefined, locale?: string) {
    return ctx.engine.store.uploadAssets({
        ...ctx.ref,
        assets: [{ url: 'https://example.com/pixel.png', data: `data:image/png;base64,${PIXEL_PNG}`, metadata: { name: 'pixel.png', type: 'image/png' } }],
        locale,
        user
    });
}

/** The editor sets an asset's title (the engine's updateAsset allows title and description, not the file). */
export function setAssetTitle(ctx: EngineContext, user: EngineUser | undefined, assetId: string, title: string, locale?: string) {
    return ctx.engine.store.updateAsset({
        ...ctx.ref,
        srcAssetId: assetId,
        updateOperations: [{ opType: 'set', fieldPath: ['title'], field: valueField(title), ...(locale ? { locale } : {}) }],
        user
    });
}

/** Ids of the documents the engine shows `user` (not hidden), in `locale` or Global mode. */
export function visibleIds(ctx: EngineContext, user: EngineUser | undefined, locale?: string): string[] {
    return ctx.engine.store
        .getDocuments({ locale, user })
        .filter((document) => !document.hidden)
        .map((document) => document.srcObjectId)
        .sort();
}
