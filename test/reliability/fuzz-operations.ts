/**
 * The access fuzzer's operations: random users with random grants, random modes (Global or one
 * locale), and every write the adapter offers, called directly on the adapter with the merged
 * userContext the engine passes (`{ name, email, role, sso, type, accessToken }`).
 */
import fc from 'fast-check';
import type { Model, UpdateOperation, UpdateOperationField } from '@stackbit/types';
import type { LocalizedContentfulSource } from '../../src/index.js';
import type { AccessRule } from '../../src/options.js';
import type { ModelContext } from '../../src/contentful/types.js';

/** Models of the schema by name, as the adapter returned them. */
export type SchemaModels = Map<string, Model<ModelContext>>;

export const LOCALES = ['en-US', 'fr', 'de', 'fr-CA'];
/** Modes: Global, each enabled locale, and a locale the space does not have. */
const MODES = ['global', ...LOCALES, 'es'] as const;

/** A user of the fuzz run and the grant the access rules give them (what the oracle checks against). */
export interface FuzzUser {
    label: string;
    context: Record<string, unknown> | undefined;
    grant: '*' | string[];
}

/**
 * Seeded random users: each email user gets a random grant, one user is matched by role and one by
 * an SSO attribute, unknown users get a random default grant, and one call has no user (global).
 */
export function randomUsers(seed: number): { users: FuzzUser[]; rules: AccessRule[]; defaultGrant: '*' | string[] } {
    const grantArb = fc.oneof({ weight: 1, arbitrary: fc.constant('*' as const) }, { weight: 5, arbitrary: fc.subarray(LOCALES, { minLength: 1, maxLength: 3 }) });
    const [grants] = fc.sample(fc.array(grantArb, { minLength: 9, maxLength: 9 }), { seed, numRuns: 1 });
    const g = grants!;
    const merged = (extra: Record<string, unknown>) => ({ type: 'contentful', accessToken: 'user-token', ...extra });
    const users: FuzzUser[] = [];
    const rules: AccessRule[] = [];
    for (let index = 0; index < 6; index++) {
        const email = `editor${index}@fuzz.test`;
        rules.push({ emails: [email], locales: g[index]! });
        users.push({ label: email, context: merged({ name: `Editor ${index}`, email }), grant: g[index]! });
    }
    rules.push({ roles: ['translator'], locales: g[6]! });
    users.push({ label: 'translator@agency.test', context: merged({ name: 'Translator', email: 'translator@agency.test', role: 'translator' }), grant: g[6]! });
    rules.push({ sso: { team: 'emea' }, locales: g[7]! });
    users.push({ label: 'sso@corp.test', context: merged({ name: 'SSO', email: 'sso@corp.test', sso: { idpId: 'okta', attributes: { team: 'emea' } } }), grant: g[7]! });
    users.push({ label: 'stranger@elsewhere.test', context: merged({ name: 'Stranger', email: 'stranger@elsewhere.test' }), grant: g[8]! });
    users.push({ label: 'no user', context: undefined, grant: '*' });
    return { users, rules, defaultGrant: g[8]! };
}

export type OpKind =
    | 'create'
    | 'createInLocales'
    | 'translate'
    | 'update'
    | 'delete'
    | 'archive'
    | 'unarchive'
    | 'publish'
    | 'unpublish'
    | 'upload'
    | 'replaceFile'
    | 'updateAsset'
    | 'copy'
    | 'localize'
    | 'unlocalize';

/** One random operation; targets are indexes into the current documents / assets (taken modulo). */
export interface FuzzOp {
    kind: OpKind;
    user: number;
    mode: (typeof MODES)[number];
    model: 'page' | 'product' | 'siteConfig';
    target: number;
    targets: number[];
    field: number;
    locale: number;
    locales: string[];
    value: string;
    allLocales: boolean;
}

/** How often each kind comes up; uploads and file replacements cost ~8 requests, so they are rarer. */
const KIND_WEIGHTS: [OpKind, number][] = [
    ['update', 16],
    ['create', 6],
    ['createInLocales', 2],
    ['translate', 4],
    ['delete', 4],
    ['archive', 2],
    ['unarchive', 2],
    ['publish', 6],
    ['unpublish', 4],
    ['upload', 1],
    ['replaceFile', 1],
    ['updateAsset', 4],
    ['copy', 2],
    ['localize', 4],
    ['unlocalize', 2]
];

/** The arbitrary of one operation by one of `users`. */
export function opArbitrary(users: FuzzUser[]): fc.Arbitrary<FuzzOp> {
    // Restricted users are where the boundary is: they act four times as often as global ones.
    const userArb = fc.oneof(...users.map((user, index) => ({ weight: user.grant === '*' ? 1 : 4, arbitrary: fc.constant(index) })));
    return fc.record({
        kind: fc.oneof(...KIND_WEIGHTS.map(([kind, weight]) => ({ weight, arbitrary: fc.constant(kind) }))),
        user: userArb,
        mode: fc.oneof({ weight: 4, arbitrary: fc.constant('global' as const) }, { weight: 12, arbitrary: fc.constantFrom(...LOCALES) }, { weight: 1, arbitrary: fc.constant('es' as const) }),
        model: fc.constantFrom('page' as const, 'product' as const, 'product' as const, 'siteConfig' as const),
        target: fc.nat(),
        // Mostly one document (the direct endpoint); sometimes several (a bulk action, which waits for its result).
        targets: fc.oneof({ weight: 150, arbitrary: fc.tuple(fc.nat()) }, { weight: 1, arbitrary: fc.array(fc.nat(), { minLength: 2, maxLength: 3 }) }),
        field: fc.nat(),
        locale: fc.nat(),
        locales: fc.subarray(LOCALES, { minLength: 1, maxLength: 3 }),
        value: fc.stringMatching(/^[a-z]{1,8}$/),
        allLocales: fc.boolean()
    });
}

/** Fields an editor may try to set, per model (including ones the adapter manages or shares). */
const EDITABLE: Record<string, string[]> = {
    page: ['title', 'slug', 'body', 'brandColor', 'locale', 'translationKey'],
    product: ['name', 'description', 'price', 'sku'],
    siteConfig: ['siteName']
};

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

function valueFor(model: Model, fieldName: string, value: string, index: number): UpdateOperationField {
    const field = model.fields?.find((one) => one.name === fieldName);
    if (field?.type === 'number') return { type: 'number', value: value.length + index } as UpdateOperationField;
    return { type: (field?.type ?? 'string') as 'string', value: fieldName === 'slug' ? `${value}-${index}` : value } as UpdateOperationField;
}

function createFields(model: Model, value: string, index: number): Record<string, UpdateOperationField> {
    const names = model.name === 'page' ? ['title', 'slug'] : model.name === 'product' ? ['name', 'price', 'sku'] : ['siteName'];
    return Object.fromEntries(names.map((name) => [name, valueFor(model, name, `${value}${name === 'sku' ? index : ''}`, index)]));
}

/** Runs one operation against the adapter. Resolves with nothing; rejects with the adapter's error. */
export async function runOp(source: LocalizedContentfulSource, op: FuzzOp, users: FuzzUser[], models: SchemaModels, index: number): Promise<void> {
    const runtime = source.runtimeOrUndefined()!;
    const userContext = users[op.user]!.context as never;
    const locale = op.mode === 'global' ? undefined : op.mode;
    const documents = [...runtime.store.documents.values()].filter((document) => document.modelName !== 'stackbitPreset').sort((a, b) => (a.id < b.id ? -1 : 1));
    const assets = [...runtime.store.assets.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    const document = documents[op.target % documents.length]!;
    const asset = assets[op.target % assets.length]!;
    const anyLocale = locale ?? LOCALES[op.locale % LOCALES.length]!;
    switch (op.kind) {
        case 'create': {
            const model = models.get(op.model)!;
            await source.createDocument({ model, locale, updateOperationFields: createFields(model, op.value, index), userContext });
            return;
        }
        case 'createInLocales': {
            const model = models.get(op.model)!;
            const valuesByLocale = Object.fromEntries(op.locales.map((code, i) => [code, createFields(model, `${op.value}${i}`, index * 10 + i)]));
            await source.createDocumentInLocales({ modelName: op.model, locales: op.locales, valuesByLocale, userContext });
            return;
        }
        case 'translate': {
            const model = models.get(document.modelName)!;
            await source.createDocument({ model, locale: anyLocale, defaultLocaleDocumentId: document.id, updateOperationFields: createFields(model, op.value, index), userContext });
            return;
        }
        case 'update': {
            const model = models.get(document.modelName)!;
            const names = EDITABLE[document.modelName] ?? ['title'];
            const fieldName = names[op.field % names.length]!;
            const operation = (op.field % 7 === 6
                ? { opType: 'unset', fieldPath: [fieldName], modelField: model.fields?.find((f) => f.name === fieldName) }
                : { opType: 'set', fieldPath: [fieldName], field: valueFor(model, fieldName, op.value, index), modelField: model.fields?.find((f) => f.name === fieldName) }) as UpdateOperation;
            const withLocale = locale ?? (op.allLocales ? LOCALES[op.locale % LOCALES.length] : undefined);
            await source.updateDocument({ document, operations: [withLocale ? { ...operation, locale: withLocale } : operation], userContext });
            return;
        }
        case 'delete':
            return source.deleteDocument({ document, userContext });
        case 'archive':
            return source.archiveDocument({ document, userContext });
        case 'unarchive':
            return source.unarchiveDocument({ document, userContext });
        case 'publish':
        case 'unpublish': {
            // Documents, or now and then one asset (one item goes to the direct endpoint; several make a bulk action).
            const withAsset = op.field % 5 === 0;
            const chosen = withAsset ? [] : [...new Set(op.targets.map((target) => documents[target % documents.length]!))];
            const chosenAssets = withAsset ? [asset] : [];
            const call = op.kind === 'publish' ? source.publishDocuments.bind(source) : source.unpublishDocuments.bind(source);
            return call({ documents: chosen, assets: chosenAssets, userContext });
        }
        case 'upload':
            await source.uploadAsset({ base64: PNG, fileName: `${op.value}.png`, mimeType: 'image/png', locale, userContext });
            return;
        case 'replaceFile':
            await source.replaceAssetFile({ assetId: asset.id, locale: anyLocale, file: { base64: PNG, fileName: `${op.value}.png`, contentType: 'image/png' }, userContext });
            return;
        case 'updateAsset':
            return source.updateAsset({ asset, operations: [{ opType: 'set', fieldPath: ['title'], field: { type: 'string', value: op.value }, locale: anyLocale } as UpdateOperation], userContext });
        case 'copy':
            await source.copyDocument({ documentId: document.id, scope: op.allLocales ? 'all-locales' : 'current-locale', locale, userContext });
            return;
        case 'localize':
            await source.localize({ documentId: document.id, locale: anyLocale, userContext });
            return;
        case 'unlocalize':
            return source.unlocalize({ documentId: document.id, locale: anyLocale, userContext });
    }
}
