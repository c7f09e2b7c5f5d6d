/**
 * A deterministic generator of large emulated spaces for the benchmarks.
 *
 * N entries over three kinds of content type — object-level (`page`: one entry per locale, grouped
 * by `translationKey`), field-level (`product`: per-locale values) and non-localized (`author`) —
 * in L locales with fallback chains, N/10 assets with per-locale files, and a realistic mix of
 * published / changed / draft / archived entities. The space is built directly on `EmulatedSpace`
 * (no HTTP), with fixed timestamps and ids, so every run and every contender sees the same bytes.
 */
import { EmulatedSpace } from '../src/emulator/index.js';
import { seededRandom, type Random } from '../src/emulator/random.js';
import type { LocaleStatus, LocalizedFields, WireField } from '../src/emulator/index.js';

export interface GeneratedSpaceOptions {
    /** Number of entries. */
    entries: number;
    /** Number of locales (1–12). */
    locales: number;
    /** Number of assets (default entries / 10). */
    assets?: number;
    seed?: number;
    spaceId?: string;
    localeBasedPublishing?: boolean;
}

/** What the generator made, for the benchmarks' own bookkeeping. */
export interface GeneratedSpace {
    space: EmulatedSpace;
    localeCodes: string[];
    defaultLocale: string;
    /** Ids per kind, in creation order. */
    ids: { pages: string[]; products: string[]; authors: string[]; assets: string[] };
    /** Count per lifecycle state. */
    states: Record<EntityState, number>;
}

export type EntityState = 'published' | 'changed' | 'draft' | 'archived';

/** Locale codes and their fallbacks: chains up to three deep (fr-CA → fr → en-US, pt-BR → pt → es → en-US). */
const LOCALE_TABLE: { code: string; name: string; fallbackCode: string | null }[] = [
    { code: 'en-US', name: 'English (United States)', fallbackCode: null },
    { code: 'fr', name: 'French', fallbackCode: 'en-US' },
    { code: 'de', name: 'German', fallbackCode: 'en-US' },
    { code: 'es', name: 'Spanish', fallbackCode: 'en-US' },
    { code: 'fr-CA', name: 'French (Canada)', fallbackCode: 'fr' },
    { code: 'it', name: 'Italian', fallbackCode: 'en-US' },
    { code: 'pt', name: 'Portuguese', fallbackCode: 'es' },
    { code: 'de-AT', name: 'German (Austria)', fallbackCode: 'de' },
    { code: 'nl', name: 'Dutch', fallbackCode: 'de' },
    { code: 'pt-BR', name: 'Portuguese (Brazil)', fallbackCode: 'pt' },
    { code: 'ja', name: 'Japanese', fallbackCode: 'en-US' },
    { code: 'pl', name: 'Polish', fallbackCode: null }
];

/** Share of entries per kind. */
const MIX = { page: 0.4, product: 0.45, author: 0.15 };
/** Lifecycle states, cumulative thresholds. */
const STATE_THRESHOLDS: [EntityState, number][] = [
    ['published', 0.55],
    ['changed', 0.77],
    ['draft', 0.95],
    ['archived', 1]
];

const START = Date.parse('2023-01-01T00:00:00.000Z');
const USERS = [
    { id: 'user-alice', email: 'alice@acme.com', firstName: 'Alice', lastName: 'Martin' },
    { id: 'user-jean', email: 'jean@acme.fr', firstName: 'Jean', lastName: 'Dupont' },
    { id: 'user-greta', email: 'greta@acme.de', firstName: 'Greta', lastName: 'Klein' }
];

const WORDS = (
    'coffee roast bean grinder espresso filter kettle milk crema origin harvest brew cup aroma acidity body finish ' +
    'washed natural honey altitude farm blend single estate light medium dark fresh ground whole travel gift'
).split(' ');

const field = (id: string, type: string, extra: Partial<WireField> = {}): WireField => ({
    id,
    name: id,
    type,
    localized: false,
    required: false,
    validations: [],
    disabled: false,
    omitted: false,
    ...extra
});

function contentTypes(localeCodes: string[]) {
    return [
        {
            id: 'page',
            name: 'Page',
            displayField: 'title',
            fields: [
                field('title', 'Symbol', { required: true }),
                field('slug', 'Symbol', { required: true, validations: [{ unique: true }] }),
                field('locale', 'Symbol', { validations: [{ in: localeCodes }] }),
                field('translationKey', 'Symbol'),
                field('body', 'Text'),
                field('hero', 'Link', { linkType: 'Asset' }),
                field('sections', 'Array', { items: { type: 'Link', linkType: 'Entry' } }),
                field('publishDate', 'Date'),
                field('seo', 'Object'),
                field('brandColor', 'Symbol')
            ],
            controls: { slug: 'slugEditor', body: 'markdown', locale: 'dropdown' } as Record<string, string>
        },
        {
            id: 'product',
            name: 'Product',
            displayField: 'name',
            fields: [
                field('name', 'Symbol', { localized: true, required: true }),
                field('description', 'Text', { localized: true }),
                field('price', 'Number'),
                field('sku', 'Symbol', { validations: [{ unique: true }] }),
                field('image', 'Link', { linkType: 'Asset', localized: true }),
                field('tags', 'Array', { items: { type: 'Symbol' }, localized: true }),
                field('rating', 'Integer'),
                field('available', 'Boolean'),
                field('related', 'Array', { items: { type: 'Link', linkType: 'Entry' } })
            ],
            controls: { description: 'markdown' } as Record<string, string>
        },
        {
            id: 'author',
            name: 'Author',
            displayField: 'name',
            fields: [
                field('name', 'Symbol', { required: true }),
                field('email', 'Symbol'),
                field('bio', 'Text'),
                field('avatar', 'Link', { linkType: 'Asset' }),
                field('location', 'Location'),
                field('website', 'Symbol')
            ],
            controls: { website: 'urlEditor' } as Record<string, string>
        }
    ];
}

function words(random: Random, count: number): string {
    const picked: string[] = [];
    for (let i = 0; i < count; i += 1) picked.push(WORDS[Math.floor(random() * WORDS.length)]!);
    return picked.join(' ');
}

/**
 * The fields as they would arrive from JSON (an export, an API response): flat strings. Strings built
 * by concatenation are ropes in V8; the first JSON.stringify of a response would flatten them and
 * free memory in the middle of a measurement, making the baseline wrong.
 */
function asParsedJson(fields: LocalizedFields): LocalizedFields {
    return JSON.parse(JSON.stringify(fields)) as LocalizedFields;
}

function pick<T>(random: Random, list: readonly T[]): T {
    return list[Math.floor(random() * list.length)]!;
}

function stateOf(random: Random): EntityState {
    const roll = random();
    return STATE_THRESHOLDS.find(([, threshold]) => roll < threshold)![0];
}

const link = <T extends string>(linkType: T, id: string) => ({ sys: { type: 'Link' as const, linkType, id } });

/** The sys a seeded entity of a given state gets (versions as Contentful counts them). */
function lifecycleSys(state: EntityState, createdAt: number, random: Random, localesWithValues: string[], allLocales: string[], changedLocales: string[]) {
    const updatedAt = new Date(createdAt + 60_000 + Math.floor(random() * 86_400_000)).toISOString();
    const statuses: Record<string, LocaleStatus> = {};
    for (const code of allLocales) {
        // Entry-level publishing (the generated spaces' mode) publishes every locale, with or without values.
        statuses[code] = state === 'draft' || state === 'archived' ? 'draft' : state === 'changed' && localesWithValues.includes(code) && changedLocales.includes(code) ? 'changed' : 'published';
    }
    const user = link('User', pick(random, USERS).id);
    const base = { createdAt: new Date(createdAt).toISOString(), updatedAt, createdBy: user, updatedBy: user };
    switch (state) {
        case 'draft':
            return { ...base, version: 1 + Math.floor(random() * 4), fieldStatus: { '*': statuses } };
        case 'published':
            return { ...base, version: 2, publishedVersion: 1, fieldStatus: { '*': statuses } };
        case 'changed':
            return { ...base, version: 3 + Math.floor(random() * 4), publishedVersion: 1, fieldStatus: { '*': statuses } };
        case 'archived':
            return { ...base, version: 3, archivedVersion: 2, fieldStatus: { '*': statuses } };
    }
}

/**
 * Builds a space with `entries` entries in `locales` locales. Same options → same space, byte for byte.
 */
export function generateSpace(options: GeneratedSpaceOptions): GeneratedSpace {
    const random = seededRandom(options.seed ?? 0xbe9c4);
    const localeCount = Math.max(1, Math.min(LOCALE_TABLE.length, options.locales));
    const locales = LOCALE_TABLE.slice(0, localeCount);
    const localeCodes = locales.map((locale) => locale.code);
    const defaultLocale = localeCodes[0]!;
    const space = new EmulatedSpace({
        spaceId: options.spaceId ?? 'bench',
        localeBasedPublishing: options.localeBasedPublishing ?? false,
        idGenerator: (() => {
            let next = 0;
            return () => `gen${(next++).toString(36).padStart(8, '0')}`;
        })()
    });
    for (const user of USERS) space.addUser(user);
    for (const locale of locales) {
        // A fallback outside the generated set falls back to the default instead.
        const fallbackCode = locale.fallbackCode && localeCodes.includes(locale.fallbackCode) ? locale.fallbackCode : locale.code === defaultLocale ? null : defaultLocale;
        space.addLocale({ ...locale, fallbackCode, default: locale.code === defaultLocale, contentManagementApi: true, contentDeliveryApi: true, optional: locale.code !== defaultLocale, sys: { id: `locale-${locale.code}`, type: 'Locale', version: 1, ...space.spaceLinks() } });
    }
    const stamp = new Date(START - 86_400_000).toISOString();
    for (const contentType of contentTypes(localeCodes)) {
        const sys = { ...space.spaceLinks(), id: contentType.id, type: 'ContentType', createdAt: stamp, updatedAt: stamp, version: 2, publishedVersion: 1, publishedCounter: 1, publishedAt: stamp, firstPublishedAt: stamp };
        const controls = contentType.fields.map((one) => ({ fieldId: one.id, ...(contentType.controls[one.id] ? { widgetId: contentType.controls[one.id], widgetNamespace: 'builtin' } : {}) }));
        space.addContentType(
            { sys, name: contentType.name, displayField: contentType.displayField, fields: contentType.fields },
            { sys: { id: 'default', type: 'EditorInterface', version: 1, ...space.spaceLinks(), contentType: link('ContentType', contentType.id) }, controls }
        );
    }

    const states: Record<EntityState, number> = { published: 0, changed: 0, draft: 0, archived: 0 };
    const ids: GeneratedSpace['ids'] = { pages: [], products: [], authors: [], assets: [] };
    let clock = START;
    const tick = () => (clock += 1000 + Math.floor(random() * 5000));

    const assetCount = options.assets ?? Math.max(1, Math.floor(options.entries / 10));
    for (let i = 0; i < assetCount; i += 1) {
        const id = `asset-${i.toString().padStart(6, '0')}`;
        // Every asset has the default locale's file; about a third have their own file in other locales.
        const fileLocales = localeCodes.filter((code) => code === defaultLocale || random() < 0.33);
        const title: Record<string, string> = {};
        const description: Record<string, string> = {};
        const file: Record<string, unknown> = {};
        for (const code of fileLocales) {
            title[code] = `${words(random, 3)} (${code})`;
            if (random() < 0.5) description[code] = words(random, 8);
            const width = 400 + Math.floor(random() * 1600);
            const height = 300 + Math.floor(random() * 900);
            file[code] = {
                url: `//images.ctfassets.net/bench/${id}/${code}/photo-${i}.jpg`,
                fileName: `photo-${i}-${code}.jpg`,
                contentType: 'image/jpeg',
                details: { size: 20_000 + Math.floor(random() * 900_000), image: { width, height } }
            };
        }
        const state = stateOf(random);
        states[state] += 1;
        const fields = asParsedJson({ title, file, ...(Object.keys(description).length ? { description } : {}) });
        space.addAsset({ sys: { id, ...lifecycleSys(state, tick(), random, fileLocales, localeCodes, fileLocales.slice(-1)) }, fields });
        ids.assets.push(id);
    }
    const assetLink = () => link('Asset', pick(random, ids.assets));

    const pageTarget = Math.round(options.entries * MIX.page);
    const productTarget = Math.round(options.entries * MIX.product);
    const authorTarget = options.entries - pageTarget - productTarget;

    // Object-level pages: translation groups with a variant in the default locale and in a random subset of the others.
    let group = 0;
    while (ids.pages.length < pageTarget) {
        const key = `group-${group.toString().padStart(6, '0')}`;
        const variants = localeCodes.filter((code) => code === defaultLocale || random() < 0.6);
        const slugBase = words(random, 2).replace(/ /g, '-');
        const hero = assetLink();
        const color = `#${Math.floor(random() * 0xffffff).toString(16).padStart(6, '0')}`;
        for (const code of variants) {
            if (ids.pages.length >= pageTarget) break;
            const id = `page-${group.toString().padStart(6, '0')}-${code}`;
            const values: Record<string, unknown> = {
                title: `${words(random, 4)} ${group}`,
                slug: `${slugBase}-${group}-${code.toLowerCase()}`,
                locale: code,
                translationKey: key,
                body: `# ${words(random, 3)}\n\n${words(random, 40)}\n\n${words(random, 30)}`,
                hero,
                publishDate: new Date(START + group * 3_600_000).toISOString().slice(0, 10),
                seo: { title: words(random, 5), description: words(random, 14), noIndex: random() < 0.1 },
                brandColor: color
            };
            if (ids.products.length > 0) {
                values.sections = Array.from({ length: 1 + Math.floor(random() * 4) }, () => link('Entry', pick(random, ids.products)));
            }
            // Object-level entries keep every value under the default locale (their fields are not localized).
            const fields = asParsedJson(Object.fromEntries(Object.entries(values).map(([fieldId, value]) => [fieldId, { [defaultLocale]: value }])));
            const state = stateOf(random);
            states[state] += 1;
            space.addEntry({ sys: { id, contentType: link('ContentType', 'page'), ...lifecycleSys(state, tick(), random, [defaultLocale], localeCodes, [defaultLocale]) }, fields });
            ids.pages.push(id);
        }
        group += 1;
        // Interleave products so pages can link to them.
        for (let k = 0; k < 2 && ids.products.length < productTarget; k += 1) addProduct();
    }
    while (ids.products.length < productTarget) addProduct();
    while (ids.authors.length < authorTarget) addAuthor();

    function addProduct(): void {
        const index = ids.products.length;
        const id = `product-${index.toString().padStart(6, '0')}`;
        // Field-level: the default locale always has values; each other locale has its own values with p = 0.5.
        const own = localeCodes.filter((code) => code === defaultLocale || random() < 0.5);
        const name: Record<string, unknown> = {};
        const description: Record<string, unknown> = {};
        const tags: Record<string, unknown> = {};
        const image: Record<string, unknown> = {};
        for (const code of own) {
            name[code] = `${words(random, 3)} ${index} ${code}`;
            description[code] = `${words(random, 25)}\n\n${words(random, 20)}`;
            if (random() < 0.7) tags[code] = [words(random, 1), words(random, 1), words(random, 1)];
            if (code === defaultLocale || random() < 0.3) image[code] = assetLink();
        }
        const fields: LocalizedFields = {
            name,
            description,
            price: { [defaultLocale]: Math.round(random() * 50_000) / 100 },
            sku: { [defaultLocale]: `SKU-${index.toString().padStart(7, '0')}` },
            image,
            rating: { [defaultLocale]: Math.floor(random() * 6) },
            available: { [defaultLocale]: random() < 0.8 }
        };
        if (Object.keys(tags).length) fields.tags = tags;
        if (index > 0 && random() < 0.5) fields.related = { [defaultLocale]: [link('Entry', `product-${Math.floor(random() * index).toString().padStart(6, '0')}`)] };
        const state = stateOf(random);
        states[state] += 1;
        const changed = own.filter(() => random() < 0.4);
        space.addEntry({ sys: { id, contentType: link('ContentType', 'product'), ...lifecycleSys(state, tick(), random, own, localeCodes, changed.length ? changed : [defaultLocale]) }, fields: asParsedJson(fields) });
        ids.products.push(id);
    }

    function addAuthor(): void {
        const index = ids.authors.length;
        const id = `author-${index.toString().padStart(6, '0')}`;
        const fields: LocalizedFields = {
            name: { [defaultLocale]: `${words(random, 2)} ${index}` },
            email: { [defaultLocale]: `author${index}@example.com` },
            bio: { [defaultLocale]: words(random, 35) },
            avatar: { [defaultLocale]: assetLink() },
            location: { [defaultLocale]: { lat: Math.round((random() * 180 - 90) * 1e4) / 1e4, lon: Math.round((random() * 360 - 180) * 1e4) / 1e4 } },
            website: { [defaultLocale]: `https://example.com/authors/${index}` }
        };
        const state = stateOf(random);
        states[state] += 1;
        space.addEntry({ sys: { id, contentType: link('ContentType', 'author'), ...lifecycleSys(state, tick(), random, [defaultLocale], localeCodes, [defaultLocale]) }, fields: asParsedJson(fields) });
        ids.authors.push(id);
    }

    return { space, localeCodes, defaultLocale, ids, states };
}
