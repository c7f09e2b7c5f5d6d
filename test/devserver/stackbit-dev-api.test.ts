/**
 * The real local Visual Editor server: `stackbit dev` (@stackbit/cli) runs as a child process on the
 * top-level stackbit.config.ts, pointed at the emulator running in this process, and the test drives
 * its local API (`POST /_stackbit/<method>` with the bearer secret) the way the Visual Editor does in
 * a session: schema and documents per locale, an edit in one locale, a publish. Assertions read what
 * Contentful (the emulator) received and now holds.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoSpace, RequestLog, startEmulatorServer, type EmulatedSpace, type RunningEmulatorServer } from '../../src/emulator/index.js';
import { startStackbitDev, StackbitDevApiError, stackbitCliPath, type RunningStackbitDev } from '../../scripts/stackbit-dev.js';
import { editorUser, findCliProblem, type CollectionsResult, type CSIDocumentsResult, type SchemaResult } from './support.js';

const cliProblem = findCliProblem(stackbitCliPath);
if (cliProblem) {
    console.warn(`test/devserver skipped: stackbit dev cannot start here — ${cliProblem}. Run \`npm install\` (it installs @stackbit/cli).`);
}

const SITE_MARKER = 'example-site-stub';

describe.skipIf(Boolean(cliProblem))('stackbit dev on the top-level stackbit.config.ts, against the emulator', () => {
    let space: EmulatedSpace;
    let log: RequestLog;
    let emulator: RunningEmulatorServer;
    let site: Server;
    let sitePort: number;
    let dev: RunningStackbitDev;
    const projectId = 'demo';

    beforeAll(async () => {
        space = createDemoSpace({ spaceId: projectId });
        log = new RequestLog();
        emulator = await startEmulatorServer({ space, handlersOptions: { log } });
        // A stand-in for the site stackbit dev forwards page requests to (`-p`).
        site = createServer((request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body>${SITE_MARKER} ${request.url}</body></html>`));
        await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
        sitePort = (site.address() as AddressInfo).port;
        dev = await startStackbitDev({
            sitePort,
            startTimeoutMs: 45_000,
            env: {
                CONTENTFUL_SPACE_ID: space.spaceId,
                CONTENTFUL_ENVIRONMENT: space.environment,
                CONTENTFUL_MANAGEMENT_TOKEN: 'devserver-test-token',
                CONTENTFUL_HOST: emulator.host,
                CONTENTFUL_INSECURE: 'true'
            }
        });
    }, 60_000);

    afterAll(async () => {
        await dev?.close();
        await emulator?.close();
        await new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve()));
    });

    it('loads the config and the space: the schema lists the enabled locales with the default, and the space models', async () => {
        const schema = await dev.call<SchemaResult>('getSchema', { locale: 'fr', user: editorUser('alice@acme.com') });
        const contentful = schema.locales.find((entry) => entry.srcType === 'contentful' && entry.srcProjectId === projectId);
        expect(contentful?.defaultLocale).toBe('en-US');
        expect(contentful?.locales).toEqual(expect.arrayContaining(['en-US', 'fr', 'de']));
        const modelNames = Object.keys(schema.schema.contentful?.[projectId] ?? {});
        expect(modelNames).toEqual(expect.arrayContaining(['page', 'product', 'siteConfig']));
        // Presets keep their locale: the French one is offered in fr, not in de.
        const presetLabels = (presets: SchemaResult['presets']) => Object.values(presets).map((preset) => preset.label).sort();
        expect(presetLabels(schema.presets)).toEqual(['Basic page', 'Page (français)']);
        const germanSchema = await dev.call<SchemaResult>('getSchema', { locale: 'de', user: editorUser('alice@acme.com') });
        expect(presetLabels(germanSchema.presets)).toEqual(['Basic page']);
        expect(dev.output().some((line) => /Loaded contentful content source data \(project: demo\)/.test(line))).toBe(true);
    });

    it('serves the CSI documents as the adapter made them: object-level pages carry their locale, products their values per locale', async () => {
        const { documents } = await dev.call<CSIDocumentsResult>('getCSIDocuments', { srcType: 'contentful', srcProjectId: projectId });
        const byId = new Map(documents.map((document) => [document.id, document]));
        expect(byId.get('home-fr')?.locale).toBe('fr');
        expect(byId.get('home-de')?.locale).toBe('de');
        expect(byId.get('product-espresso')?.locale).toBeUndefined();
        expect(byId.get('product-espresso')?.fields.name).toMatchObject({ localized: true, locales: { 'en-US': { value: 'Espresso machine' }, fr: { value: 'Machine à expresso' } } });
        // Every entry of the space is there, nothing more; preset entries become the schema's presets instead.
        const contentEntries = space.listEntries().filter((entry) => entry.sys.contentType?.sys.id !== 'stackbitPreset');
        expect([...byId.keys()].sort()).toEqual(contentEntries.map((entry) => entry.sys.id).sort());
    });

    it('lists per locale what the editor shows: the page variants of that locale, field-level documents in every locale', async () => {
        const pageVariantsIn = (locale: string) =>
            space
                .listEntries()
                .filter((entry) => entry.sys.contentType?.sys.id === 'page' && (entry.fields.locale as Record<string, string> | undefined)?.['en-US'] === locale)
                .map((entry) => entry.sys.id)
                .sort();
        for (const locale of ['en-US', 'fr', 'de']) {
            const { collections } = await dev.call<CollectionsResult>('getCollections', { locale, user: editorUser('alice@acme.com') });
            const pages = collections.find((collection) => collection.srcModelName === 'page')?.objects ?? [];
            expect(pages.map((page) => page.srcObjectId).sort(), `pages listed in ${locale}`).toEqual(pageVariantsIn(locale));
            const products = collections.find((collection) => collection.srcModelName === 'product')?.objects ?? [];
            expect(products.map((product) => product.srcObjectId).sort(), `products listed in ${locale}`).toEqual(['product-espresso', 'product-grinder', 'product-kettle']);
        }
    });

    it('edits one locale: updateDocument in fr with a connected user writes the fr value to Contentful and leaves en-US as it was', async () => {
        const before = space.getEntry('product-espresso')!;
        const versionBefore = before.sys.version;
        const writesBefore = log.writes().length;
        await dev.call('updateDocument', {
            srcType: 'contentful',
            srcProjectId: projectId,
            srcDocumentId: 'product-espresso',
            updateOperations: [{ opType: 'set', fieldPath: ['name'], locale: 'fr', field: { type: 'string', value: 'Machine à expresso compacte' } }],
            user: editorUser('alice@acme.com')
        });
        const after = space.getEntry('product-espresso')!;
        expect(after.fields.name).toEqual({ 'en-US': 'Espresso machine', fr: 'Machine à expresso compacte' });
        expect(after.sys.version).toBe(versionBefore + 1);
        const writes = log.writes().slice(writesBefore);
        expect(writes.map((write) => `${write.method} ${write.route}`)).toEqual(['PUT /entries/:id']);
        // The engine reads its own write: the document it serves has the new value.
        const { documents } = await dev.call<CSIDocumentsResult>('getCSIDocuments', { srcType: 'contentful', srcProjectId: projectId, documentSpecs: [{ srcType: 'contentful', srcProjectId: projectId, srcDocumentId: 'product-espresso' }] });
        expect(documents[0]?.fields.name).toMatchObject({ locales: { fr: { value: 'Machine à expresso compacte' } } });
        expect(documents[0]?.status).toBe('modified');
    });

    it('publishes: publishDocuments puts the edited entry live in Contentful with the edited value', async () => {
        await dev.call('publishDocuments', {
            objects: [{ srcType: 'contentful', srcProjectId: projectId, srcObjectId: 'product-espresso' }],
            user: editorUser('alice@acme.com')
        });
        const entry = space.getEntry('product-espresso')!;
        expect(entry.sys.publishedVersion).toBe(entry.sys.version - 1);
        expect(space.getPublishedEntry('product-espresso')?.fields.name).toEqual({ 'en-US': 'Espresso machine', fr: 'Machine à expresso compacte' });
        const { documents } = await dev.call<CSIDocumentsResult>('getCSIDocuments', { srcType: 'contentful', srcProjectId: projectId, documentSpecs: [{ srcType: 'contentful', srcProjectId: projectId, srcDocumentId: 'product-espresso' }] });
        expect(documents[0]?.status).toBe('published');
    });

    it('keeps a restricted user to their locales: jean@acme.fr (fr, fr-CA) edits fr, is refused de, and nothing of de is written', async () => {
        const jean = editorUser('jean@acme.fr');
        const { collections } = await dev.call<CollectionsResult>('getCollections', { locale: 'de', user: jean });
        const germanPages = collections.find((collection) => collection.srcModelName === 'page')?.objects ?? [];
        // The German page is not for jean: hidden from (or absent in) his list.
        expect(germanPages.filter((page) => !page.hidden).map((page) => page.srcObjectId)).toEqual([]);

        await dev.call('updateDocument', {
            srcType: 'contentful',
            srcProjectId: projectId,
            srcDocumentId: 'product-grinder',
            updateOperations: [{ opType: 'set', fieldPath: ['description'], locale: 'fr', field: { type: 'text', value: 'Mouture régulière, de fine à grossière.' } }],
            user: jean
        });
        expect(space.getEntry('product-grinder')!.fields.description).toMatchObject({ fr: 'Mouture régulière, de fine à grossière.', de: 'Mahlt gleichmäßig, von fein bis grob.' });

        const writesBefore = log.writes().length;
        const refusal = await dev
            .call('updateDocument', {
                srcType: 'contentful',
                srcProjectId: projectId,
                srcDocumentId: 'product-grinder',
                updateOperations: [{ opType: 'set', fieldPath: ['description'], locale: 'de', field: { type: 'text', value: 'Überschrieben' } }],
                user: jean
            })
            .catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(StackbitDevApiError);
        const { message } = JSON.parse((refusal as StackbitDevApiError).body) as { message: string };
        expect(message).toContain('jean@acme.fr');
        expect(message).toContain('"de"');
        expect(log.writes().length).toBe(writesBefore);
        expect(space.getEntry('product-grinder')!.fields.description).toMatchObject({ de: 'Mahlt gleichmäßig, von fein bis grob.' });
    });

    it('publishes for a restricted user only what is theirs: jean publishing the fr and de home pages puts fr live and leaves de a draft', async () => {
        expect(space.getEntry('home-de')!.sys.publishedVersion).toBeUndefined();
        await dev
            .call('publishDocuments', {
                objects: ['home-fr', 'home-de'].map((id) => ({ srcType: 'contentful', srcProjectId: projectId, srcObjectId: id })),
                user: editorUser('jean@acme.fr')
            });
        const french = space.getEntry('home-fr')!;
        expect(french.sys.publishedVersion).toBe(french.sys.version - 1);
        expect(space.getPublishedEntry('home-fr')?.fields.body).toEqual({ 'en-US': 'Du matériel à café frais, livré dans le monde entier.' });
        expect(space.getEntry('home-de')!.sys.publishedVersion).toBeUndefined();
        expect(log.all().some((request) => request.method === 'PUT' && request.path.endsWith('/entries/home-de/published'))).toBe(false);
        // The skip is logged where the developer running stackbit dev sees it.
        expect(dev.output().some((line) => /not publishing document "home-de": jean@acme\.fr may publish only fr, fr-CA/.test(line))).toBe(true);
    });

    it('creates a translation: createDocument of a page in de from the en-US about page makes a de variant in the same translation group', async () => {
        const entriesBefore = new Set(space.listEntries().map((entry) => entry.sys.id));
        const { srcDocumentId } = await dev.call<{ srcDocumentId: string }>('createDocument', {
            srcType: 'contentful',
            srcProjectId: projectId,
            modelName: 'page',
            locale: 'de',
            defaultLocaleDocumentId: 'about-en-US',
            object: { title: 'Über uns', slug: 'ueber-uns', body: 'Wir rösten seit 1999.' },
            user: editorUser('alice@acme.com')
        });
        expect(entriesBefore.has(srcDocumentId)).toBe(false);
        const created = space.getEntry(srcDocumentId)!;
        expect(created.sys.contentType?.sys.id).toBe('page');
        expect(created.fields).toMatchObject({ title: { 'en-US': 'Über uns' }, locale: { 'en-US': 'de' }, translationKey: { 'en-US': 'about' } });
        const { collections } = await dev.call<CollectionsResult>('getCollections', { locale: 'de', user: editorUser('alice@acme.com') });
        expect(collections.find((collection) => collection.srcModelName === 'page')?.objects.map((page) => page.srcObjectId)).toContain(srcDocumentId);
    });

    it('refuses a call without the bearer secret, and nothing reaches Contentful', async () => {
        const writesBefore = log.writes().length;
        const response = await fetch(`${dev.apiUrl}/_stackbit/updateDocument`, {
            method: 'POST',
            headers: { authorization: 'Bearer not-the-secret', 'content-type': 'application/json' },
            body: JSON.stringify({ srcType: 'contentful', srcProjectId: projectId, srcDocumentId: 'product-espresso', updateOperations: [] })
        });
        expect(response.status).toBe(400);
        expect(await response.text()).toMatch(/Not authenticated/);
        expect(log.writes().length).toBe(writesBefore);
    });

    it('passes the adapter\'s refusal through the API: a non-localized field edited in fr is refused, naming user, document, field and locale, and nothing is written', async () => {
        const writesBefore = log.writes().length;
        const failure = await dev
            .call('updateDocument', {
                srcType: 'contentful',
                srcProjectId: projectId,
                srcDocumentId: 'product-kettle',
                updateOperations: [{ opType: 'set', fieldPath: ['price'], locale: 'fr', field: { type: 'number', value: 1 } }],
                user: editorUser('alice@acme.com')
            })
            .catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(StackbitDevApiError);
        expect((failure as StackbitDevApiError).status).toBe(500);
        const { message } = JSON.parse((failure as StackbitDevApiError).body) as { message: string };
        for (const part of ['alice@acme.com', 'product-kettle', 'price', '"fr"', 'en-US']) {
            expect(message).toContain(part);
        }
        expect(log.writes().length).toBe(writesBefore);
    });

    it('forwards page requests to the site given with -p, and GET /_stackbit redirects to the Visual Editor link for this server', async () => {
        const page = await fetch(`${dev.apiUrl}/fr/`);
        expect(await page.text()).toContain(`${SITE_MARKER} /fr/`);
        const editorUrl = await dev.editorUrl();
        expect(editorUrl).toMatch(/^https:\/\/create\.netlify\.com\/local\//);
        const details = JSON.parse(Buffer.from(editorUrl!.split('/local/')[1]!, 'base64').toString('utf8')) as { i: string; p: number; csi: boolean };
        expect(details).toMatchObject({ i: dev.localId, p: dev.port, csi: true });
    });
});
