/**
 * What the adapter knows after `init`: the connection, the space's locales and content types, the
 * converted schema, how each model is localized, and the converters. Built once per `init` and
 * rebuilt (schema part) when the content model changes.
 */
import type { Cache, Logger, Model } from '@stackbit/types';
import type { LimitFunction } from 'p-limit';
import { ConfigError, ContentfulRequestError } from '../errors.js';
import type { ContentfulConnection } from '../contentful/client.js';
import { createConnection } from '../contentful/client.js';
import { createBulkLimiter } from '../contentful/bulk.js';
import { fetchContentTypes, fetchEditorInterfaces, fetchLocales, fetchSpaceUsers } from '../contentful/api.js';
import { convertSchema } from '../contentful/schema-converter.js';
import { createEntryConverter, type EntryConverter } from '../contentful/entry-converter.js';
import { createAssetConverter, type AssetConverter } from '../contentful/asset-converter.js';
import type { AssetContext, ContentTypeProps, DocumentContext, EditorInterfaceProps, ModelContext, SchemaContext } from '../contentful/types.js';
import { resolveLocaleContext } from '../localization/locales.js';
import { createLocaleAssigner, type LocaleAssigner } from '../localization/locale-assignment.js';
import { validateAccessOptions } from '../localization/access.js';
import type { LocaleContext, ModelLocalization } from '../localization/types.js';
import type { ResolvedOptions } from './resolve-options.js';
import { DiagnosticsLog } from './diagnostics.js';
import { DocumentStore } from './document-store.js';

export type SourceCache = Cache<SchemaContext, DocumentContext, AssetContext, ModelContext>;

/** The schema part of the runtime: replaced when content types change. */
export interface SchemaState {
    contentTypes: Map<string, ContentTypeProps>;
    editorInterfaces: EditorInterfaceProps[];
    models: Model<ModelContext>[];
    modelsByName: Map<string, Model<ModelContext>>;
    localization: Map<string, ModelLocalization>;
    convertEntry: EntryConverter;
    convertAsset: AssetConverter;
    assigner: LocaleAssigner;
}

export interface Runtime {
    options: ResolvedOptions;
    conn: ContentfulConnection;
    bulkLimiter: LimitFunction;
    logger: Logger;
    cache: SourceCache | undefined;
    locales: LocaleContext;
    spaceLocaleCodes: string[];
    schema: SchemaState;
    store: DocumentStore;
    diagnostics: DiagnosticsLog;
    userEmails: Map<string, string>;
    /** Resolved `localeBasedPublishing` (after 'auto' detection). */
    localeBasedPublishing: boolean;
}

/** The connection for resolved options; nothing is sent until the first call. */
export function openConnection(options: ResolvedOptions, logger: Logger): ContentfulConnection {
    return createConnection({
        spaceId: options.spaceId,
        environment: options.environment,
        accessToken: options.accessToken,
        host: options.host,
        hostUpload: options.hostUpload,
        insecure: options.insecure,
        timeoutMs: options.requests.timeoutMs,
        retry: { limit: options.requests.retryLimit, baseDelayMs: options.requests.retryBaseDelayMs, maxDelayMs: options.requests.retryMaxDelayMs },
        onRetry: ({ label, attempt, delayMs, error }) => logger.debug(`${label}: retry ${attempt} in ${delayMs} ms (${error.message})`)
    });
}

/** Reads the space's metadata (locales, content types, editor interfaces, users) in parallel. */
export async function connectAndReadMetadata(options: ResolvedOptions, logger: Logger, conn: ContentfulConnection = openConnection(options, logger)) {
    const [locales, contentTypes, editorInterfaces, users] = await Promise.all([
        fetchLocales(conn),
        fetchContentTypes(conn),
        fetchEditorInterfaces(conn),
        fetchSpaceUsers(conn).catch((error: Error) => {
            // Tokens without space-admin rights may not list users: show ids instead of emails.
            logger.warn(`localized-contentful-source: cannot list space users, documents will show user ids (${error.message})`);
            return undefined;
        })
    ]).catch((error: unknown) => {
        throw configErrorOf(error, options);
    });
    const userEmails = new Map<string, string>((users?.items ?? []).map((user) => [user.sys.id, user.email]));
    return { conn, locales: locales.items, contentTypes: contentTypes.items, editorInterfaces: editorInterfaces.items, userEmails };
}

/**
 * A metadata read that fails because of the configuration (a rejected token, an unknown space or
 * environment) becomes a ConfigError naming the option; anything else (a 5xx after retries) stays as it is.
 */
function configErrorOf(error: unknown, options: ResolvedOptions): unknown {
    if (!(error instanceof ContentfulRequestError)) return error;
    if (error.status === 401 || error.status === 403) {
        return new ConfigError('accessToken', `Contentful rejected the token for space "${options.spaceId}" (${error.message})`);
    }
    if (error.status === 404) {
        const missing = (error.details as { type?: string } | undefined)?.type;
        return missing === 'Space'
            ? new ConfigError('spaceId', `space "${options.spaceId}" does not exist or the token cannot read it (${error.message})`)
            : new ConfigError('environment', `environment "${options.environment}" does not exist in space "${options.spaceId}" (${error.message})`);
    }
    return error;
}

/** Resolves locales and validates every option that needs the space. Throws ConfigError naming the option. */
export function resolveSpaceConfiguration(options: ResolvedOptions, spaceLocales: unknown[], contentTypes: ContentTypeProps[]) {
    const { context, diagnostics } = resolveLocaleContext({ spaceLocales, enabled: options.locales, fallbacks: options.fallbacks });
    validateAccessOptions(options.access, context);
    const byId = new Map(contentTypes.map((ct) => [ct.sys.id, ct]));
    const { objectLevel } = options;
    objectLevel.models.forEach((modelName, index) => {
        const contentType = byId.get(modelName);
        if (!contentType) {
            throw new ConfigError(`objectLevel.models[${index}]`, `content type "${modelName}" does not exist in the space (it has: ${[...byId.keys()].join(', ') || 'none'})`);
        }
        const fieldOf = (id: string) => contentType.fields.find((field) => field.id === id && !field.deleted);
        const localeField = fieldOf(objectLevel.localeField);
        if (!objectLevel.getDocumentLocale) {
            if (!localeField) {
                throw new ConfigError('objectLevel.localeField', `content type "${modelName}" has no field "${objectLevel.localeField}" to hold each entry's locale (add a Symbol field, or give objectLevel.getDocumentLocale)`);
            }
            if (localeField.type !== 'Symbol') {
                throw new ConfigError('objectLevel.localeField', `field "${objectLevel.localeField}" of "${modelName}" must be a Symbol (short text), it is a ${localeField.type}`);
            }
        }
        if (!fieldOf(objectLevel.translationKeyField)) {
            throw new ConfigError('objectLevel.translationKeyField', `content type "${modelName}" has no field "${objectLevel.translationKeyField}" to group the translations of a document (add a Symbol field)`);
        }
        for (const shared of objectLevel.sharedFields[modelName] ?? []) {
            if (!fieldOf(shared)) {
                throw new ConfigError(`objectLevel.sharedFields.${modelName}`, `content type "${modelName}" has no field "${shared}"`);
            }
        }
    });
    return { locales: context, localeDiagnostics: diagnostics };
}

/** How each content type is localized. */
export function modelLocalizations(options: ResolvedOptions, contentTypes: readonly ContentTypeProps[]): Map<string, ModelLocalization> {
    const objectLevelModels = new Set(options.objectLevel.models);
    return new Map(
        contentTypes.map((contentType) => {
            const fields = contentType.fields.filter((field) => !field.deleted);
            const objectLevel = objectLevelModels.has(contentType.sys.id);
            const localization: ModelLocalization = {
                modelName: contentType.sys.id,
                objectLevel,
                localizedFields: fields.filter((field) => field.localized).map((field) => field.id),
                nonLocalizedFields: fields.filter((field) => !field.localized).map((field) => field.id),
                sharedFields: objectLevel ? (options.objectLevel.sharedFields[contentType.sys.id] ?? []) : [],
                localeField: objectLevel ? options.objectLevel.localeField : undefined,
                translationKeyField: objectLevel ? options.objectLevel.translationKeyField : undefined
            };
            return [contentType.sys.id, localization];
        })
    );
}

/** Converts the content model and compiles the converters for it. */
export function buildSchemaState(input: {
    options: ResolvedOptions;
    locales: LocaleContext;
    contentTypes: ContentTypeProps[];
    editorInterfaces: EditorInterfaceProps[];
    diagnostics: DiagnosticsLog;
    userEmails: Map<string, string>;
}): SchemaState {
    const { options, locales, diagnostics } = input;
    const report = diagnostics.report.bind(diagnostics);
    const models = convertSchema({
        contentTypes: input.contentTypes,
        editorInterfaces: input.editorInterfaces,
        defaultLocale: locales.defaultLocale,
        objectLevel: {
            models: options.objectLevel.models,
            localeField: options.objectLevel.localeField,
            translationKeyField: options.objectLevel.translationKeyField
        },
        report
    });
    const assigner = createLocaleAssigner({
        models: options.objectLevel.models,
        localeField: options.objectLevel.localeField,
        getDocumentLocale: options.objectLevel.getDocumentLocale,
        locales,
        onDiagnostic: report
    });
    const userEmail = (userId: string) => input.userEmails.get(userId);
    const common = { spaceId: options.spaceId, environment: options.environment, managementAppUrl: options.managementAppUrl, locales, userEmail, report };
    const modelsByName = new Map(models.map((model) => [model.name, model]));
    return {
        contentTypes: new Map(input.contentTypes.map((ct) => [ct.sys.id, ct])),
        editorInterfaces: input.editorInterfaces,
        models,
        modelsByName,
        localization: modelLocalizations(options, input.contentTypes),
        convertEntry: createEntryConverter({ ...common, models: modelsByName, assignLocale: (entry) => assigner.assign(entry) }),
        convertAsset: createAssetConverter(common),
        assigner
    };
}

/** Builds the runtime from resolved options (metadata requests happen here). */
export async function createRuntime(options: ResolvedOptions, logger: Logger, cache: SourceCache | undefined, conn?: ContentfulConnection): Promise<Runtime> {
    const metadata = await connectAndReadMetadata(options, logger, conn);
    const { locales, localeDiagnostics } = resolveSpaceConfiguration(options, metadata.locales, metadata.contentTypes);
    const diagnostics = new DiagnosticsLog();
    diagnostics.setLogger(logger);
    localeDiagnostics.forEach((diagnostic) => diagnostics.report(diagnostic));
    const schema = buildSchemaState({
        options,
        locales,
        contentTypes: metadata.contentTypes,
        editorInterfaces: metadata.editorInterfaces,
        diagnostics,
        userEmails: metadata.userEmails
    });
    return {
        options,
        conn: metadata.conn,
        bulkLimiter: createBulkLimiter(),
        logger,
        cache,
        locales,
        spaceLocaleCodes: metadata.locales.map((locale) => locale.code),
        schema,
        store: new DocumentStore({ objectLevelModels: options.objectLevel.models, translationKeyField: options.objectLevel.translationKeyField, defaultLocale: locales.defaultLocale }),
        diagnostics,
        userEmails: metadata.userEmails,
        localeBasedPublishing: options.localeBasedPublishing === true
    };
}
