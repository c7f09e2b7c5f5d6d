// The CSI basics of LocalizedContentfulSource against the emulator: identity, init/reset/destroy,
// the schema (every Contentful field type, locales, object-level models), documents and assets as the
// engine receives them, and hasAccess.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DataModel, Field } from '@stackbit/types';
import { LocalizedContentfulSource } from '../../src/index.js';
import { DEMO_OBJECT_LEVEL, byId, everyFieldTypeSpace, localeValue, plainValue, startSource, testOptions, useSourceEmulator } from './support.js';

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('identity (no init needed)', () => {
    const emulator = useSourceEmulator();

    it('reports its version, type, project, environment and manage URL', async () => {
        const source = new LocalizedContentfulSource({ spaceId: 'abc123', environment: 'staging', accessToken: 't' });
        const version = await source.getVersion();
        expect(version.contentSourceVersion).toBe(packageVersion);
        expect(version.interfaceVersion).toMatch(/^\d+\.\d+\.\d+/);
        expect(source.getContentSourceType()).toBe('contentful');
        expect(source.getProjectId()).toBe('abc123');
        expect(source.getProjectEnvironment()).toBe('staging');
        expect(source.getProjectManageUrl()).toBe('https://app.contentful.com/spaces/abc123/environments/staging/home');
        // Nothing was asked of Contentful for any of that.
        expect(emulator.log.all()).toHaveLength(0);
    });

    it('defaults the environment to master and honours managementAppUrl', () => {
        const source = new LocalizedContentfulSource({ spaceId: 'abc123', accessToken: 't', managementAppUrl: 'https://app.eu.contentful.com' });
        expect(source.getProjectEnvironment()).toBe('master');
        expect(source.getProjectManageUrl()).toBe('https://app.eu.contentful.com/spaces/abc123/environments/master/home');
    });

    it('refuses CSI calls before init with an error that says what to do', async () => {
        const source = new LocalizedContentfulSource(testOptions(emulator.space));
        await expect(source.getSchema()).rejects.toThrow(/call init\(\) first/);
        expect(() => source.getLocales()).toThrow(/call init\(\) first/);
        expect(emulator.log.all()).toHaveLength(0);
    });
});

describe('init, reset, destroy', () => {
    const emulator = useSourceEmulator();

    it('init reads the space metadata once, loads content, and writes nothing', async () => {
        const { documents, assets } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const routes = emulator.log.byRoute();
        expect(routes).toMatchObject({ 'GET /locales': 1, 'GET /content_types': 1, 'GET /editor_interfaces': 1, 'GET /users': 1, 'GET /entries': 1, 'GET /assets': 1 });
        expect(emulator.log.writes()).toEqual([]);
        expect(documents).toHaveLength(emulator.space.listEntries().length);
        expect(assets).toHaveLength(emulator.space.listAssets().length);
        // Every request carried the configured token.
        expect(emulator.log.all().every((request) => request.headers.authorization === 'Bearer test-token')).toBe(true);
    });

    it('reset re-reads the space: a locale added meanwhile appears', async () => {
        const { source } = await startSource(emulator.space);
        expect(source.getLocales().map((l) => l.code)).not.toContain('es');
        emulator.space.addLocale({ code: 'es', name: 'Spanish', fallbackCode: 'en-US' });
        await source.reset();
        expect(source.getLocales().map((l) => l.code)).toContain('es');
        expect((await source.getSchema()).locales!.map((l) => l.code)).toContain('es');
        expect(emulator.log.count({ method: 'GET', route: '/locales' })).toBe(2);
    });

    it('destroy stops the content watcher: no request after it', async () => {
        const { source } = await startSource(emulator.space, { sync: { pollIntervalMs: 10, deletionCheckIntervalMs: 10 } });
        source.startWatchingContentUpdates();
        await new Promise((resolve) => setTimeout(resolve, 60));
        expect(emulator.log.count({ method: 'GET', route: '/entries' })).toBeGreaterThan(1);
        await source.destroy();
        const after = emulator.log.all().length;
        await new Promise((resolve) => setTimeout(resolve, 60));
        expect(emulator.log.all().length).toBe(after);
    });
});

describe('getSchema', () => {
    const emulator = useSourceEmulator(() => everyFieldTypeSpace());

    const fieldOf = (model: DataModel | undefined, name: string): Field => {
        const field = model?.fields?.find((f) => f.name === name);
        expect(field, `field ${name}`).toBeDefined();
        return field!;
    };

    it('maps every Contentful field type to a Stackbit field, with localized from Contentful', async () => {
        const { schema } = await startSource(emulator.space);
        const article = schema.models.find((m) => m.name === 'article') as DataModel;
        expect(article).toMatchObject({ type: 'data', label: 'Article', labelField: 'title' });
        const expected: Record<string, Partial<Field> & Record<string, unknown>> = {
            title: { type: 'string', localized: true, required: true },
            slug: { type: 'slug', localized: false, validations: { unique: true } },
            website: { type: 'url' },
            category: { type: 'enum', options: ['news', 'guide'] },
            summary: { type: 'text', localized: true },
            body: { type: 'markdown', localized: true },
            views: { type: 'number', subtype: 'int' },
            rating: { type: 'number', subtype: 'float' },
            published: { type: 'datetime' },
            day: { type: 'date' },
            featured: { type: 'boolean' },
            place: { type: 'json' },
            meta: { type: 'json' },
            content: { type: 'richText', localized: true },
            cover: { type: 'image', localized: true },
            author: { type: 'reference', models: ['author'], localized: false },
            tags: { type: 'list', items: { type: 'string' }, localized: true },
            related: { type: 'list', items: { type: 'reference', models: ['article'] } },
            gallery: { type: 'list', items: { type: 'image' } },
            partner: { type: 'cross-reference', models: [{ modelName: 'partner', srcType: 'contentful', srcProjectId: 'other-space' }] },
            partners: { type: 'list', items: { type: 'cross-reference', models: [{ modelName: 'partner', srcType: 'contentful', srcProjectId: 'other-space' }] } }
        };
        for (const [name, props] of Object.entries(expected)) {
            expect(fieldOf(article, name), name).toMatchObject(props);
        }
        expect(article.fields).toHaveLength(Object.keys(expected).length);
        expect(article.localized).toBeUndefined();
    });

    it('lists the locales, the space default (not en-US here) first and flagged', async () => {
        const { schema } = await startSource(emulator.space);
        expect(schema.locales).toEqual([{ code: 'de-DE', default: true }, { code: 'fr-FR' }, { code: 'it-IT' }]);
    });

    it('leaves out locales not editable through the CMA', async () => {
        emulator.space.addLocale({ code: 'nl-NL', name: 'Dutch', fallbackCode: null, contentManagementApi: false });
        const { schema, source } = await startSource(emulator.space);
        expect(schema.locales!.map((l) => l.code)).toEqual(['de-DE', 'fr-FR', 'it-IT']);
        expect(source.getLocales().find((l) => l.code === 'nl-NL')).toMatchObject({ enabled: false });
    });
});

describe('getSchema with object-level models (demo space)', () => {
    const emulator = useSourceEmulator();

    it('marks objectLevel.models localized: true and their locale / translation key fields read-only', async () => {
        const { schema } = await startSource(emulator.space, { objectLevel: DEMO_OBJECT_LEVEL });
        const page = schema.models.find((m) => m.name === 'page') as DataModel;
        const product = schema.models.find((m) => m.name === 'product') as DataModel;
        expect(page.localized).toBe(true);
        expect(product.localized).toBeUndefined();
        expect(page.fields!.find((f) => f.name === 'locale')).toMatchObject({ readOnly: true });
        expect(page.fields!.find((f) => f.name === 'translationKey')).toMatchObject({ readOnly: true });
        expect(page.fields!.find((f) => f.name === 'title')!.readOnly).toBeUndefined();
        expect(schema.locales).toEqual([{ code: 'en-US', default: true }, { code: 'fr' }, { code: 'de' }, { code: 'fr-CA' }]);
    });

    it('without objectLevel no model is localized and no document carries a locale', async () => {
        const { schema, documents } = await startSource(emulator.space);
        expect(schema.models.every((m) => !('localized' in m) || m.localized === undefined)).toBe(true);
        expect(documents.every((d) => d.locale === undefined)).toBe(true);
    });
});

describe('getDocuments and getAssets', () => {
    const emulator = useSourceEmulator(() => everyFieldTypeSpace());

    it('returns field-level locale maps: only locales with a value, non-localized fields plain', async () => {
        const { documents } = await startSource(emulator.space);
        const article = byId(documents, 'article-1');
        expect(article.fields.title).toEqual({
            type: 'string',
            localized: true,
            locales: { 'de-DE': { locale: 'de-DE', value: 'Hallo Welt' }, 'fr-FR': { locale: 'fr-FR', value: 'Bonjour le monde' } }
        });
        expect(Object.keys((article.fields.summary as { locales: object }).locales)).toEqual(['de-DE', 'it-IT']);
        expect(article.fields.cover).toMatchObject({ type: 'reference', refType: 'asset', localized: true, locales: { 'fr-FR': { refId: 'cover-de' } } });
        expect(article.fields.author).toEqual({ type: 'reference', refType: 'document', refId: 'author-olga' });
        expect(plainValue(article, 'views')).toBe(42);
        expect(plainValue(article, 'place')).toEqual({ lat: 52.52, lon: 13.405 });
        expect(localeValue(article, 'title', 'it-IT')).toBeUndefined();
        expect(article.manageUrl).toBe('https://app.contentful.com/spaces/types/environments/master/entries/article-1');
    });

    it('names creator and last editor by email', async () => {
        const { documents, assets } = await startSource(emulator.space);
        expect(byId(documents, 'article-1')).toMatchObject({ createdBy: 'olga@example.de', updatedBy: ['marc@example.fr'] });
        expect(byId(assets, 'cover-de')).toMatchObject({ createdBy: 'olga@example.de', updatedBy: ['marc@example.fr'] });
    });

    it('shows user ids when the token may not list the space users', async () => {
        const original = emulator.space;
        emulator.intercept(
            // A token without admin rights gets 403 on /users.
            (await import('msw')).http.get(`${emulator.base.replace(/\/environments\/.*/, '')}/users`, () =>
                Response.json({ sys: { type: 'Error', id: 'AccessDenied' }, message: 'Forbidden' }, { status: 403 })
            )
        );
        const { documents, logger } = await startSource(original);
        expect(byId(documents, 'article-1')).toMatchObject({ createdBy: 'user-olga', updatedBy: ['user-marc'] });
        expect(logger.logs.warn.join('\n')).toMatch(/cannot list space users/);
    });

    it('returns assets with per-locale title and file', async () => {
        const { assets } = await startSource(emulator.space);
        const cover = byId(assets, 'cover-de');
        expect(cover.fields.file).toMatchObject({
            type: 'assetFile',
            localized: true,
            locales: {
                'de-DE': { locale: 'de-DE', url: 'https://images.ctfassets.net/types/cover-de.png', fileName: 'cover-de.png', dimensions: { width: 10, height: 10 } },
                'fr-FR': { locale: 'fr-FR', url: 'https://images.ctfassets.net/types/cover-fr.png' }
            }
        });
        expect(cover.fields.title).toMatchObject({ localized: true, locales: { 'fr-FR': { value: 'Image de couverture' } } });
    });
});

describe('document statuses from versions (demo space)', () => {
    const emulator = useSourceEmulator();

    it('published, modified (changed after publish), added (draft) and archived', async () => {
        const archived = emulator.space.addEntry({
            sys: { id: 'old-product', contentType: { sys: { type: 'Link', linkType: 'ContentType', id: 'product' } } as never, version: 3, archivedVersion: 2 },
            fields: { name: { 'en-US': 'Old' } }
        });
        expect(archived.sys.archivedVersion).toBe(2);
        const { documents } = await startSource(emulator.space);
        const statusOf = (id: string) => byId(documents, id).status;
        expect(statusOf('product-espresso')).toBe('published');
        expect(statusOf('product-grinder')).toBe('modified');
        expect(statusOf('product-kettle')).toBe('added');
        expect(statusOf('old-product')).toBe('archived');
        expect(byId(documents, 'product-espresso').context.sys).toMatchObject({ version: 2, publishedVersion: 1 });
    });

    it('keeps Contentful per-locale fieldStatus in the document context', async () => {
        const { documents } = await startSource(emulator.space);
        const grinder = byId(documents, 'product-grinder');
        expect(grinder.context.sys.fieldStatus).toMatchObject({ 'en-US': 'published', fr: 'changed' });
    });
});

describe('hasAccess', () => {
    const emulator = useSourceEmulator();
    const access = { rules: [{ emails: ['*@acme.fr'], locales: ['fr'] }, { emails: ['*@acme.jp'], locales: ['ja'] }], default: '*' as const };

    it('grants a global user, a user with an enabled locale, and calls without a user', async () => {
        const { source } = await startSource(emulator.space, { access: { ...access, rules: [access.rules[0]!] } });
        expect(await source.hasAccess({ userContext: { email: 'alice@acme.com' } as never })).toEqual({ hasConnection: true, hasPermissions: true });
        expect(await source.hasAccess({ userContext: { email: 'jean@acme.fr' } as never })).toEqual({ hasConnection: true, hasPermissions: true });
        expect(await source.hasAccess({})).toEqual({ hasConnection: true, hasPermissions: true });
    });

    it('an empty grant (nobody could use the source) fails at init instead of denying later', async () => {
        await expect(startSource(emulator.space, { access: { rules: [{ emails: ['*@acme.fr'], locales: ['fr'] }], default: [] } })).rejects.toMatchObject({
            name: 'ConfigError',
            option: 'access.default'
        });
    });

    it('denies a call without a user when access.requireUser is set', async () => {
        const { source } = await startSource(emulator.space, { access: { requireUser: true } });
        expect(await source.hasAccess({})).toMatchObject({ hasPermissions: false });
        expect(await source.hasAccess({ userContext: { email: 'alice@acme.com' } as never })).toMatchObject({ hasPermissions: true });
    });

    it('a rule granting a locale the space lacks, or one not enabled, fails at init naming the rule', async () => {
        await expect(startSource(emulator.space, { access })).rejects.toMatchObject({ name: 'ConfigError', option: 'access.rules[1].locales[0]' });
        await expect(startSource(emulator.space, { locales: ['en-US', 'fr'], access: { rules: [{ emails: ['*@acme.de'], locales: ['de'] }] } })).rejects.toThrow(
            /`access.rules\[0\].locales\[0\]`: locale "de" is not enabled/
        );
        expect(emulator.log.writes()).toEqual([]);
    });
});
