/**
 * The demo space: a small multilingual site (object-level pages, field-level products, a
 * non-localized site config, presets, per-locale asset files) in a mix of published, changed and
 * draft states. Built through the same lifecycle code the API uses, on a fixed clock, so versions,
 * fieldStatus and snapshots are exactly what Contentful would report; `seeds/demo-space.json` is
 * its contentful-export file.
 */
import { createUpload, processAssetFile } from './asset-files.js';
import { badgeSvg, gradientPng } from './demo-images.js';
import { applyPublish, createEntity, saveEntity, type WriteContext } from './lifecycle.js';
import { link } from './normalize.js';
import { EmulatedSpace } from './space.js';
import type { EntityRecord, LocalizedFields, WireField } from './types.js';

/** Options of {@link createDemoSpace}. */
export interface DemoSpaceOptions {
    spaceId?: string;
    environment?: string;
    localeBasedPublishing?: boolean;
}

const START = Date.parse('2024-03-01T09:00:00.000Z');

const LOCALES = [
    { code: 'en-US', name: 'English (United States)', default: true, fallbackCode: null, optional: false },
    { code: 'fr', name: 'French', default: false, fallbackCode: 'en-US', optional: true },
    { code: 'de', name: 'German', default: false, fallbackCode: 'en-US', optional: true },
    { code: 'fr-CA', name: 'French (Canada)', default: false, fallbackCode: 'fr', optional: true }
];

const symbol = (id: string, extra: Partial<WireField> = {}): WireField => ({ id, name: id, type: 'Symbol', localized: false, required: false, validations: [], disabled: false, omitted: false, ...extra });

const CONTENT_TYPES: { id: string; name: string; displayField: string; description: string; fields: WireField[]; controls: Record<string, string> }[] = [
    {
        id: 'page',
        name: 'Page',
        displayField: 'title',
        description: 'Object-level localized: one entry per locale, grouped by translationKey.',
        fields: [
            symbol('title', { required: true }),
            symbol('slug', { required: true, validations: [{ unique: true }] }),
            symbol('locale', { validations: [{ in: LOCALES.map((locale) => locale.code) }] }),
            symbol('translationKey'),
            { ...symbol('body'), type: 'Text' },
            { ...symbol('hero'), type: 'Link', linkType: 'Asset', validations: [{ linkMimetypeGroup: ['image'] }] },
            { ...symbol('sections'), type: 'Array', items: { type: 'Link', linkType: 'Entry', validations: [{ linkContentType: ['product'] }] } },
            symbol('brandColor', { validations: [{ regexp: { pattern: '^#[0-9a-fA-F]{6}$', flags: null } }] })
        ],
        controls: { slug: 'slugEditor', locale: 'dropdown', body: 'markdown', translationKey: 'singleLine' }
    },
    {
        id: 'product',
        name: 'Product',
        displayField: 'name',
        description: 'Field-level localized: one entry, values per locale.',
        fields: [
            symbol('name', { localized: true, required: true }),
            { ...symbol('description'), type: 'Text', localized: true },
            { ...symbol('price'), type: 'Number', validations: [{ range: { min: 0 } }] },
            symbol('sku', { validations: [{ unique: true }] }),
            { ...symbol('image'), type: 'Link', linkType: 'Asset', localized: true }
        ],
        controls: { description: 'multipleLine' }
    },
    {
        id: 'siteConfig',
        name: 'Site config',
        displayField: 'siteName',
        description: 'Not localized at all.',
        fields: [symbol('siteName', { required: true }), { ...symbol('navigation'), type: 'Array', items: { type: 'Link', linkType: 'Entry', validations: [{ linkContentType: ['page'] }] } }],
        controls: {}
    },
    {
        id: 'stackbitPreset',
        name: 'Stackbit preset',
        displayField: 'label',
        description: 'Presets of the Visual Editor; data.locale marks a locale-specific preset.',
        fields: [symbol('label', { required: true }), { ...symbol('data'), type: 'Object', required: true }],
        controls: {}
    }
];

type Status = 'published' | 'changed' | 'draft';

interface SeedEntry {
    id: string;
    type: string;
    fields: LocalizedFields;
    status: Status;
    /** For `changed`: the edit made after publishing. */
    change?: (fields: LocalizedFields) => LocalizedFields;
}

/** Values under the default locale (object-level and non-localized fields). */
const plain = (values: Record<string, unknown>): LocalizedFields => Object.fromEntries(Object.entries(values).map(([id, value]) => [id, { 'en-US': value }]));
const assetLink = (id: string) => link('Asset', id);
const entryLink = (id: string) => link('Entry', id);

function page(locale: string, group: string, title: string, slug: string, body: string, extra: Record<string, unknown> = {}): LocalizedFields {
    return plain({ title, slug, locale, translationKey: group, body, brandColor: '#8a4b2a', ...extra });
}

const ENTRIES: SeedEntry[] = [
    {
        id: 'product-espresso',
        type: 'product',
        status: 'published',
        fields: {
            name: { 'en-US': 'Espresso machine', fr: 'Machine à expresso' },
            description: { 'en-US': 'A compact machine for a perfect shot.', fr: 'Une machine compacte pour un expresso parfait.' },
            price: { 'en-US': 249 },
            sku: { 'en-US': 'ESP-001' },
            image: { 'en-US': assetLink('asset-espresso') }
        }
    },
    {
        id: 'product-grinder',
        type: 'product',
        status: 'changed',
        fields: {
            name: { 'en-US': 'Burr grinder', fr: 'Moulin à meules' },
            description: { 'en-US': 'Grinds evenly, from fine to coarse.', de: 'Mahlt gleichmäßig, von fein bis grob.' },
            price: { 'en-US': 129 },
            sku: { 'en-US': 'GRD-002' }
        },
        change: (fields) => ({ ...fields, name: { ...fields.name, fr: 'Moulin à café à meules' } })
    },
    {
        id: 'product-kettle',
        type: 'product',
        status: 'draft',
        fields: { name: { 'en-US': 'Gooseneck kettle' }, description: { 'en-US': 'Precise pouring for filter coffee.' }, price: { 'en-US': 59 }, sku: { 'en-US': 'KTL-003' } }
    },
    {
        id: 'home-en-US',
        type: 'page',
        status: 'published',
        fields: page('en-US', 'home', 'Welcome to Acme Coffee', 'home', 'Fresh coffee gear, shipped worldwide.', {
            hero: assetLink('asset-hero'),
            sections: [entryLink('product-espresso'), entryLink('product-grinder')]
        })
    },
    {
        id: 'home-fr',
        type: 'page',
        status: 'changed',
        fields: page('fr', 'home', 'Bienvenue chez Acme Coffee', 'accueil', 'Du matériel à café, livré partout.', {
            hero: assetLink('asset-hero'),
            sections: [entryLink('product-espresso'), entryLink('product-grinder')]
        }),
        change: (fields) => ({ ...fields, body: { 'en-US': 'Du matériel à café frais, livré dans le monde entier.' } })
    },
    { id: 'home-de', type: 'page', status: 'draft', fields: page('de', 'home', 'Willkommen bei Acme Coffee', 'startseite', 'Kaffeezubehör, weltweit geliefert.', { hero: assetLink('asset-hero') }) },
    { id: 'about-en-US', type: 'page', status: 'published', fields: page('en-US', 'about', 'About us', 'about', 'We have roasted since 1999.') },
    { id: 'about-fr', type: 'page', status: 'published', fields: page('fr', 'about', 'À propos', 'a-propos', 'Nous torréfions depuis 1999.') },
    { id: 'contact-en-US', type: 'page', status: 'draft', fields: page('en-US', 'contact', 'Contact', 'contact', 'Write to hello@acme.example.') },
    {
        id: 'site-config',
        type: 'siteConfig',
        status: 'published',
        fields: plain({ siteName: 'Acme Coffee', navigation: [entryLink('home-en-US'), entryLink('about-en-US'), entryLink('contact-en-US')] })
    },
    {
        id: 'preset-hero-fr',
        type: 'stackbitPreset',
        status: 'published',
        fields: plain({ label: 'Page (français)', data: { label: 'Page (français)', modelName: 'page', locale: 'fr', data: { title: 'Nouvelle page', body: 'Texte…', brandColor: '#8a4b2a' } } })
    },
    {
        id: 'preset-basic-page',
        type: 'stackbitPreset',
        status: 'published',
        fields: plain({ label: 'Basic page', data: { label: 'Basic page', modelName: 'page', data: { title: 'New page', body: 'Text…' } } })
    }
];

function seedAssets(space: EmulatedSpace, write: WriteContext): void {
    const files: { id: string; title: Record<string, string>; files: Record<string, { name: string; type: string; bytes: Uint8Array }> }[] = [
        {
            id: 'asset-hero',
            title: { 'en-US': 'Coffee beans', fr: 'Grains de café' },
            files: {
                'en-US': { name: 'hero-en.png', type: 'image/png', bytes: gradientPng(960, 400, [111, 78, 55], [40, 26, 18]) },
                fr: { name: 'hero-fr.png', type: 'image/png', bytes: gradientPng(960, 400, [30, 60, 120], [200, 40, 50]) }
            }
        },
        {
            id: 'asset-espresso',
            title: { 'en-US': 'Espresso machine' },
            files: { 'en-US': { name: 'espresso.svg', type: 'image/svg+xml', bytes: badgeSvg(320, '#6f4e37', 'Espresso') } }
        }
    ];
    for (const asset of files) {
        const file: Record<string, unknown> = {};
        for (const [locale, one] of Object.entries(asset.files)) {
            const upload = createUpload(space, one.bytes, write, true);
            file[locale] = { fileName: one.name, contentType: one.type, uploadFrom: link('Upload', upload.id) };
        }
        const record = createEntity(space, 'Asset', { fields: { title: asset.title, file } }, { id: asset.id }, write);
        for (const locale of Object.keys(asset.files)) {
            processAssetFile(space, record, locale, String(record.data.sys.version), write);
        }
        applyPublish(space, record, undefined, write);
    }
}

/**
 * A new emulated space with the demo content: locales en-US (default), fr → en-US, de → en-US,
 * fr-CA → fr; content types page (object-level), product (field-level), siteConfig, stackbitPreset;
 * users alice@acme.com (the token's user) and jean@acme.fr.
 */
export function createDemoSpace(options: DemoSpaceOptions = {}): EmulatedSpace {
    let clock: number | undefined = START;
    // A fixed, ticking clock while seeding (stable export), the real clock afterwards.
    const now = () => (clock === undefined ? new Date() : new Date((clock += 1000)));
    const space = new EmulatedSpace({ spaceId: options.spaceId ?? 'demo', environment: options.environment, localeBasedPublishing: options.localeBasedPublishing, now });
    const alice = space.addUser({ id: 'user-alice', email: 'alice@acme.com', firstName: 'Alice', lastName: 'Martin' });
    space.addUser({ id: 'user-jean', email: 'jean@acme.fr', firstName: 'Jean', lastName: 'Dupont' });
    const write: WriteContext = { userId: alice.sys.id };
    for (const locale of LOCALES) {
        space.addLocale({ ...locale, contentManagementApi: true, contentDeliveryApi: true, sys: { id: `locale-${locale.code}`, type: 'Locale', version: 1, ...space.spaceLinks() } });
    }
    for (const contentType of CONTENT_TYPES) {
        const stamp = space.timestamp();
        const sys = { ...space.spaceLinks(), id: contentType.id, type: 'ContentType', createdAt: stamp, updatedAt: stamp, createdBy: link('User', write.userId), updatedBy: link('User', write.userId), publishedCounter: 1, version: 2, publishedVersion: 1, publishedAt: stamp, firstPublishedAt: stamp };
        const controls = contentType.fields.map((field) => ({ fieldId: field.id, ...(contentType.controls[field.id] ? { widgetId: contentType.controls[field.id], widgetNamespace: 'builtin' } : {}) }));
        space.addContentType(
            { sys, displayField: contentType.displayField, name: contentType.name, description: contentType.description, fields: contentType.fields },
            { sys: { id: 'default', type: 'EditorInterface', version: 1, ...space.spaceLinks(), contentType: link('ContentType', contentType.id) }, controls }
        );
    }
    seedAssets(space, write);
    for (const seed of ENTRIES) {
        const record: EntityRecord = createEntity(space, 'Entry', { fields: seed.fields }, { id: seed.id, contentTypeId: seed.type }, write);
        if (seed.status !== 'draft') {
            applyPublish(space, record, undefined, write);
        }
        if (seed.change) {
            saveEntity(space, record, { fields: seed.change(record.data.fields) }, write);
        }
    }
    clock = undefined;
    return space;
}
