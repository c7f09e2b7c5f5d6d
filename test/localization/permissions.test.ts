import type { DocumentWithSource, ModelWithSource } from '@stackbit/types';
import { describe, expect, it } from 'vitest';
import { createPermissionHelpers, type PermissionHelpersConfig, type PermissionsForDocument, type PermissionsForModel } from '../../src/localization/permissions.js';
import type { ModelLocalization } from '../../src/localization/types.js';
import { contentTypeOf, documentOf, engineUser, entryOf, localesOfExport, model, modelOfContentType, multiBrand, userContext } from './access-test-data.js';

const exported = multiBrand();
const locales = localesOfExport(exported);
const page = contentTypeOf(exported, 'page');
const brand = contentTypeOf(exported, 'brand');
const models = new Map<string, ModelLocalization>([
    ['page', modelOfContentType(page, { objectLevel: true, localeField: 'locale' })],
    ['brand', modelOfContentType(brand)],
    ['legal', model('legal', { nonLocalizedFields: ['text'] })]
]);
const config: PermissionHelpersConfig = {
    access: { rules: [{ emails: ['*@acme.es'], locales: ['es'] }], default: '*' },
    locales,
    models,
    srcType: 'contentful'
};

const withSource = <T extends object>(item: T, srcType = 'contentful'): T & { srcType: string; srcProjectId: string } => ({ ...item, srcType, srcProjectId: 'space' });
// Real recorded entries: "About Us" (en-US) and "Sobre Nosotros" (es) pages, the localized "Darn Good Sandwiches" brand.
const aboutEn = withSource(documentOf(entryOf(exported, '4NAH9GqPm2W4eYXXEa35mg'), page, 'en-US', 'en-US'));
const aboutEs = withSource(documentOf(entryOf(exported, '7zMQ1dR1pzmjb6Wp37p0A0'), page, 'en-US', 'es'));
const sandwiches = withSource(documentOf(entryOf(exported, '2h0tOttrNNwHQfNkIoKMox'), brand, 'en-US'));
const legal = withSource({ ...sandwiches, id: 'legal-1', modelName: 'legal', fields: { text: { type: 'text' as const, value: 'Terms' } } });

function forDocument(helper: PermissionsForDocument, document: DocumentWithSource, user: unknown) {
    return helper({ document, userContext: user } as Parameters<PermissionsForDocument>[0]);
}
function forModel(helper: PermissionsForModel, modelWithSource: ModelWithSource, user: unknown) {
    return helper({ model: modelWithSource, userContext: user } as Parameters<PermissionsForModel>[0]);
}

describe('permissionsForDocument', () => {
    const { permissionsForDocument } = createPermissionHelpers(config);

    it('hides object-level documents of other locales from a restricted user', () => {
        expect(forDocument(permissionsForDocument, aboutEn, engineUser('maria@acme.es'))).toEqual({ canView: false, canEdit: false, canPublish: false });
        expect(forDocument(permissionsForDocument, aboutEs, engineUser('maria@acme.es'))).toEqual({ canView: true, canEdit: true, canPublish: true });
    });

    it('lets a restricted user edit and publish field-level documents (their locale part)', () => {
        expect(forDocument(permissionsForDocument, sandwiches, engineUser('maria@acme.es'))).toEqual({ canView: true, canEdit: true, canPublish: true });
    });

    it('makes documents of models without localized fields view-only for a restricted user', () => {
        expect(forDocument(permissionsForDocument, legal, engineUser('maria@acme.es'))).toEqual({ canView: true, canEdit: false, canPublish: false });
    });

    it('gives a global user everything', () => {
        for (const document of [aboutEn, aboutEs, sandwiches, legal]) {
            expect(forDocument(permissionsForDocument, document, engineUser('bob@acme.com'))).toEqual({ canView: true, canEdit: true, canPublish: true });
        }
    });

    it('accepts the merged user context as well as the engine user', () => {
        expect(forDocument(permissionsForDocument, aboutEn, userContext('maria@acme.es'))).toEqual(forDocument(permissionsForDocument, aboutEn, engineUser('maria@acme.es')));
    });

    it('keeps a permission the document already denies', () => {
        const locked = { ...aboutEs, permissions: { canEdit: false } };
        expect(forDocument(permissionsForDocument, locked, engineUser('maria@acme.es'))).toEqual({ canView: true, canEdit: false, canPublish: true });
    });

    it('leaves documents of other content sources alone', () => {
        expect(forDocument(permissionsForDocument, { ...aboutEn, srcType: 'sanity' }, engineUser('maria@acme.es'))).toBeUndefined();
    });

    it('infers object-level documents of unknown models from their locale', () => {
        const unknown = { ...aboutEn, modelName: 'landing' };
        expect(forDocument(permissionsForDocument, unknown, engineUser('maria@acme.es'))?.canView).toBe(false);
    });

    it('denies edits without a user when access.requireUser is set', () => {
        const strict = createPermissionHelpers({ ...config, access: { ...config.access, requireUser: true } });
        expect(forDocument(strict.permissionsForDocument, sandwiches, undefined)).toEqual({ canView: true, canEdit: false, canPublish: false });
    });

    it('returns undefined until a late-bound configuration is available', () => {
        let current: PermissionHelpersConfig | undefined;
        const lazy = createPermissionHelpers(() => current);
        expect(forDocument(lazy.permissionsForDocument, aboutEn, engineUser('maria@acme.es'))).toBeUndefined();
        current = config;
        expect(forDocument(lazy.permissionsForDocument, aboutEn, engineUser('maria@acme.es'))?.canView).toBe(false);
    });
});

describe('permissionsForModel', () => {
    const { permissionsForModel } = createPermissionHelpers(config);
    const stackbitModel = (name: string, extra: Record<string, unknown> = {}): ModelWithSource =>
        ({ type: 'data', name, fields: [], srcType: 'contentful', srcProjectId: 'space', ...extra }) as ModelWithSource;

    it('lets a restricted user edit object-level and field-level models', () => {
        expect(forModel(permissionsForModel, stackbitModel('page'), engineUser('maria@acme.es'))).toEqual({ canView: true, canEdit: true, canPublish: true });
        expect(forModel(permissionsForModel, stackbitModel('brand'), engineUser('maria@acme.es'))).toEqual({ canView: true, canEdit: true, canPublish: true });
    });

    it('makes models without localized fields view-only for a restricted user', () => {
        expect(forModel(permissionsForModel, stackbitModel('legal'), engineUser('maria@acme.es'))).toEqual({ canView: true, canEdit: false, canPublish: false });
        expect(forModel(permissionsForModel, stackbitModel('legal'), engineUser('bob@acme.com'))).toEqual({ canView: true, canEdit: true, canPublish: true });
    });

    it('reads unknown models from their Stackbit shape', () => {
        const localizedField = stackbitModel('landing', { fields: [{ type: 'string', name: 'title', localized: true }] });
        expect(forModel(permissionsForModel, localizedField, engineUser('maria@acme.es'))?.canEdit).toBe(true);
        expect(forModel(permissionsForModel, stackbitModel('plain', { fields: [{ type: 'string', name: 'x' }] }), engineUser('maria@acme.es'))?.canEdit).toBe(false);
        expect(forModel(permissionsForModel, stackbitModel('perObject', { localized: true }), engineUser('maria@acme.es'))?.canEdit).toBe(true);
    });

    it('keeps model permissions already denied', () => {
        expect(forModel(permissionsForModel, stackbitModel('page', { permissions: { canView: false } }), engineUser('bob@acme.com'))?.canView).toBe(false);
    });
});
