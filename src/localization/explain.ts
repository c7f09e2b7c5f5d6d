/**
 * "Why may (or may not) user U do action A on document D in locale L?" — for support and for the
 * public `explain` API (pure). Same rules as the adapter's enforcement, plus which rule matched.
 */
import type { Asset, Document } from '@stackbit/types';
import type { AccessOptions, AccessRule } from '../options.js';
import { decide, describeTarget, findModel, modeFor, resolveGrant, uploadLocaleFor, type AccessTarget, type FieldWrite, type ModelLookup } from './access.js';
import { assetTarget, documentTarget } from './publish-filter.js';
import type { AccessAction, LocaleContext, LocaleMode, ResolvedGrant } from './types.js';
import { describeUser, normalizeUser } from './user.js';

/** What to explain. */
export interface ExplainInput {
    /** Either user shape the engine passes (engine user or merged user context), or undefined. */
    user: unknown;
    action: AccessAction;
    access: AccessOptions | undefined;
    locales: LocaleContext;
    models?: ModelLookup;
    /** The document acted on (its `locale` for object-level documents). */
    document?: Pick<Document, 'id' | 'modelName' | 'locale'> & { fields?: Document['fields'] };
    /** The asset acted on. */
    asset?: Pick<Asset, 'id'>;
    /** `create` without a document: the model to create. */
    modelName?: string;
    /** The operation's locale (undefined: Global mode / the default locale). */
    locale?: string;
    /** Multi-locale create: every locale to create in (overrides `locale`). */
    createLocales?: string[];
    /** `update`: the field written. */
    field?: string;
}

/** The answer. */
export interface AccessExplanation {
    allowed: boolean;
    /** A sentence naming the user, the action, the document, the field, the locale and the rule. */
    reason: string;
    grant: ResolvedGrant;
    /** The rule that matched the user, `'default'` (access.default) or `'no-user'`. */
    rule: AccessRule | 'default' | 'no-user';
    mode: LocaleMode;
}

function describeGrantSource(grant: ResolvedGrant, who: string): string {
    const locales = grant.locales === '*' ? 'every locale' : grant.locales.join(', ');
    if (grant.source === 'no-user') return `a call without a user is treated as global (${locales})`;
    if (grant.source === 'default') return `${who} matches no access rule, so access.default applies (${locales})`;
    return `${who} matches access.rules[${grant.source}] (${locales})`;
}

function targetOf(input: ExplainInput): AccessTarget {
    if (input.asset) return assetTarget(input.asset);
    if (input.document) return documentTarget(input.document, input.models);
    const model = input.modelName ? findModel(input.models, input.modelName) : undefined;
    return {
        kind: input.action === 'upload-asset' ? 'asset' : 'document',
        modelName: input.modelName,
        objectLevel: model?.objectLevel ?? false,
        hasLocalizedFields: input.action === 'upload-asset' ? true : (model?.localizedFields.length ?? 0) > 0
    };
}

function fieldWriteOf(input: ExplainInput): FieldWrite[] {
    if (!input.field) return [];
    const modelName = input.document?.modelName ?? input.modelName;
    const model = modelName ? findModel(input.models, modelName) : undefined;
    const localized = input.asset ? true : model ? model.localizedFields.includes(input.field) : input.document?.fields?.[input.field]?.localized === true;
    return [{ fieldId: input.field, localized, shared: model?.sharedFields.includes(input.field) ?? false, locale: input.locale }];
}

/**
 * Explains an access decision: whether the user may do the action, why, which rule matched and
 * in which locale mode the operation runs.
 */
export function explainAccess(input: ExplainInput): AccessExplanation {
    const user = normalizeUser(input.user);
    const who = describeUser(user);
    const grant = resolveGrant(user, input.access);
    const rule: AccessExplanation['rule'] = typeof grant.source === 'number' ? input.access!.rules![grant.source]! : grant.source;
    const source = describeGrantSource(grant, who);
    const defaultLocale = input.locales.defaultLocale;
    const asked = input.createLocales ?? (input.locale !== undefined ? [input.locale] : []);
    // Uploads are placed like the adapter places them (a restricted user's Global-mode upload goes to their locale).
    const requested = input.action === 'upload-asset' && asked.length <= 1 ? [uploadLocaleFor(grant, asked[0] ?? defaultLocale, defaultLocale, input.locales.enabled)] : asked;
    const unknown = requested.filter((locale) => !input.locales.enabled.includes(locale));
    const target = targetOf(input);
    if (unknown.length > 0) {
        const mode = modeFor(grant, unknown[0], defaultLocale);
        const reason = `locale ${unknown.join(', ')} is not enabled for this project (enabled: ${input.locales.enabled.join(', ')}), so nobody may ${input.action} ${describeTarget(target)} in it; ${source}`;
        return { allowed: false, reason, grant, rule, mode };
    }
    const decision = decide({
        action: input.action,
        user,
        grant,
        requireUser: input.access?.requireUser === true,
        defaultLocale,
        target,
        locales: requested.length > 0 ? requested : undefined,
        fieldWrites: fieldWriteOf(input)
    });
    const verdict = decision.allowed ? 'allowed' : 'refused';
    const reason = `${verdict}: ${decision.reason}; ${source}`;
    return { allowed: decision.allowed, reason, grant, rule, mode: modeFor(grant, input.locale ?? input.createLocales?.[0], defaultLocale) };
}
