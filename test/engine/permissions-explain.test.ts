/**
 * The permission helpers in the engine config (SPEC §5: "the same rules feed permissionsForDocument /
 * permissionsForModel"), both user shapes, and the explain API — checked against what the adapter
 * actually enforces.
 */
import { describe, expect, it } from 'vitest';
import type { DocumentPermissions, ModelPermissions } from '@stackbit/types';
import { useEmulator } from '../helpers/emulator.js';
import { LocalizedContentfulSource } from '../../src/index.js';
import { AccessDeniedError } from '../../src/errors.js';
import { ACCESS, ALICE, GRETA, JEAN, setField, useAccessEngine, type EngineUser } from './support.js';

const emulator = useEmulator();
const start = useAccessEngine(emulator);

/** The merged per-source user context cms-core builds for a CSI call. */
function mergedContext(user: EngineUser) {
    return { email: user.email, name: user.name, sso: user.sso, role: user.role, ...user.connections[0] };
}

const ALL: DocumentPermissions = { canView: true, canEdit: true, canPublish: true };
const NONE: DocumentPermissions = { canView: false, canEdit: false, canPublish: false };
const VIEW_ONLY: DocumentPermissions = { canView: true, canEdit: false, canPublish: false };

describe('permissionsForDocument in the engine config', () => {
    const expected: Record<string, Record<string, DocumentPermissions>> = {
        'alice@acme.com': { 'home-en-US': ALL, 'home-fr': ALL, 'home-de': ALL, 'product-grinder': ALL, 'site-config': ALL },
        'jean@acme.fr': { 'home-en-US': NONE, 'home-fr': ALL, 'home-de': NONE, 'product-grinder': ALL, 'site-config': VIEW_ONLY },
        'greta@example.org': { 'home-en-US': NONE, 'home-fr': NONE, 'home-de': ALL, 'product-grinder': ALL, 'site-config': VIEW_ONLY }
    };

    it.each([ALICE, JEAN, GRETA].map((user) => [user.email, user] as const))('gives %s the permissions and hidden flags of the access rules', async (_email, user) => {
        const c = await start();
        const documents = c.engine.store.getDocuments({ user });
        for (const [id, permissions] of Object.entries(expected[user.email]!)) {
            const document = documents.find((item) => item.srcObjectId === id)!;
            expect(document.permissions, `${user.email} on ${id}`).toEqual(permissions);
            expect(document.hidden, `${user.email} on ${id}`).toBe(!permissions.canView);
            expect(c.engine.store.getDocument({ ...c.ref, srcDocumentId: id, user })?.hidden).toBe(!permissions.canView);
        }
    });

    it('marks siteConfig (no localized field) read-only for restricted users in permissionsForModel, and leaves it editable for a global user', async () => {
        const c = await start();
        // cms-core's model type does not declare the permissions it attaches per user.
        const modelsFor = (user: EngineUser) => c.engine.store.getModels({ user })[c.ref.srcType]![c.ref.srcProjectId]! as Record<string, { permissions?: ModelPermissions }>;
        const jean = modelsFor(JEAN);
        expect(jean['siteConfig']!.permissions).toEqual({ canView: true, canEdit: false, canPublish: false });
        expect(jean['page']!.permissions).toEqual({ canView: true, canEdit: true, canPublish: true });
        expect(jean['product']!.permissions).toEqual({ canView: true, canEdit: true, canPublish: true });
        expect(modelsFor(ALICE)['siteConfig']!.permissions).toEqual({ canView: true, canEdit: true, canPublish: true });
    });

    it('answers the same for the engine user and the merged user context, and nothing for other sources or before init', async () => {
        const c = await start();
        const { permissionsForDocument, permissionsForModel } = c.source.permissionHelpers();
        const csiDocuments = await c.source.getDocuments();
        const withSource = (id: string, srcType = c.ref.srcType) => ({ ...csiDocuments.find((document) => document.id === id)!, srcType, srcProjectId: c.ref.srcProjectId });
        const judge = (document: ReturnType<typeof withSource>, userContext: unknown) => permissionsForDocument({ document, userContext } as unknown as Parameters<typeof permissionsForDocument>[0]);
        for (const id of ['home-de', 'home-fr', 'site-config']) {
            expect(judge(withSource(id), mergedContext(JEAN))).toEqual(judge(withSource(id), JEAN));
        }
        expect(judge(withSource('home-de'), mergedContext(JEAN))).toEqual(NONE);
        expect(judge(withSource('home-de', 'git'), JEAN)).toBeUndefined();

        const unstarted = new LocalizedContentfulSource({ access: ACCESS }).permissionHelpers();
        expect(unstarted.permissionsForDocument({ document: withSource('home-de'), userContext: JEAN } as unknown as Parameters<typeof permissionsForDocument>[0])).toBeUndefined();
        const siteConfigModel = { ...(await c.source.getSchema()).models.find((model) => model.name === 'siteConfig')!, srcType: c.ref.srcType, srcProjectId: c.ref.srcProjectId };
        const judgeModel = (userContext: unknown) => permissionsForModel({ model: siteConfigModel, userContext } as unknown as Parameters<typeof permissionsForModel>[0]);
        expect(judgeModel(mergedContext(JEAN))).toEqual(judgeModel(JEAN));
        expect(judgeModel(JEAN)).toMatchObject({ canEdit: false });
    });

    it('is only a screen hint: a document the engine hides is still refused when written directly', async () => {
        const c = await start();
        expect(c.engine.store.getDocument({ ...c.ref, srcDocumentId: 'home-de', user: JEAN })?.hidden).toBe(true);
        const csiDocument = (await c.source.getDocuments()).find((document) => document.id === 'home-de')!;
        const write = c.source.updateDocument({
            document: csiDocument,
            operations: [{ opType: 'set', fieldPath: ['title'], field: { type: 'string', value: 'Hallo' }, modelField: { name: 'title', type: 'string' } }],
            userContext: mergedContext(JEAN)
        });
        await expect(write).rejects.toBeInstanceOf(AccessDeniedError);
        expect(emulator.log.writes()).toEqual([]);
    });
});

describe('explain', () => {
    it('says why a restricted user may not edit another locale’s document, naming the rule that matched', async () => {
        const c = await start();
        const answer = c.source.explain({ user: JEAN, action: 'update', documentId: 'home-de', locale: 'de', field: 'title' });
        expect(answer.allowed).toBe(false);
        expect(answer.rule).toEqual(ACCESS.rules![0]);
        expect(answer.grant.locales).toEqual(['fr', 'fr-CA']);
        expect(answer.mode).toEqual({ kind: 'specific', locale: 'de' });
        expect(answer.reason).toMatch(/^refused: /);
        for (const part of ['jean@acme.fr', 'document "home-de"', 'fr, fr-CA', 'is de', 'access.rules[0]']) {
            expect(answer.reason).toContain(part);
        }
    });

    it('says why a global user may not edit a non-localized field in Specific mode, and may in Global mode', async () => {
        const c = await start();
        const specific = c.source.explain({ user: ALICE, action: 'update', documentId: 'product-grinder', locale: 'fr', field: 'price' });
        expect(specific.allowed).toBe(false);
        expect(specific.rule).toBe('default');
        expect(specific.reason).toContain('field "price" is not localized');
        expect(specific.reason).toContain('access.default');
        const global = c.source.explain({ user: ALICE, action: 'update', documentId: 'product-grinder', field: 'price' });
        expect(global).toMatchObject({ allowed: true, mode: { kind: 'global' } });
    });

    it('answers the same for both user shapes, for role rules, for calls without a user, and for disabled locales', async () => {
        const c = await start({ locales: ['en-US', 'fr', 'fr-CA', 'de'] });
        const engineShape = c.source.explain({ user: GRETA, action: 'create', modelName: 'page', locale: 'de' });
        expect(engineShape).toMatchObject({ allowed: true, rule: ACCESS.rules![1] });
        expect(c.source.explain({ user: mergedContext(GRETA), action: 'create', modelName: 'page', locale: 'de' })).toEqual(engineShape);
        expect(c.source.explain({ user: undefined, action: 'delete', documentId: 'product-kettle' })).toMatchObject({ allowed: true, rule: 'no-user' });
        const refused = c.source.explain({ user: JEAN, action: 'create', modelName: 'page', createLocales: ['fr', 'de'] });
        expect(refused.allowed).toBe(false);
        expect(refused.reason).toContain('not in de');
    });

    it('agrees with what the adapter enforces, edit by edit', async () => {
        const c = await start();
        const cases = [ALICE, JEAN, GRETA].flatMap((user) =>
            [
                { id: 'home-fr', field: 'title' },
                { id: 'home-de', field: 'title' },
                { id: 'home-fr', field: 'brandColor' },
                { id: 'product-grinder', field: 'name' },
                { id: 'product-grinder', field: 'price' },
                { id: 'site-config', field: 'siteName' }
            ].flatMap((target) => [undefined, 'fr', 'de'].map((locale) => ({ user, ...target, locale })))
        );
        const disagreements: string[] = [];
        for (const { user, id, field, locale } of cases) {
            const explained = c.source.explain({ user, action: 'update', documentId: id, field, locale });
            const value = field === 'price' ? 7 : field === 'brandColor' ? '#123456' : `${field} ${locale ?? 'global'}`;
            const enforced = await setField(c, user, id, field, value, locale).then(
                () => true,
                (error: unknown) => {
                    if (!(error instanceof AccessDeniedError)) throw error;
                    return false;
                }
            );
            if (explained.allowed !== enforced) disagreements.push(`${user.email} ${field} of ${id} in ${locale ?? 'Global'}: explain ${explained.allowed}, adapter ${enforced}`);
        }
        expect(disagreements).toEqual([]);
        expect(cases).toHaveLength(54);
    });
});
