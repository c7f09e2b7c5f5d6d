/**
 * Locale access control (SPEC §5), pure: options are validated at `init`, users are matched to a
 * grant, and every write the adapter makes is decided here before anything reaches Contentful.
 * The engine treats `canEdit` / `canPublish` as UI hints only, so these decisions are the real
 * enforcement.
 */
import _ from 'lodash';
import { AccessDeniedError, ConfigError } from '../errors.js';
import type { AccessOptions, LocaleGrant } from '../options.js';
import type { AccessAction, AccessDecision, LocaleContext, LocaleMode, ModelLocalization, ResolvedGrant, UserIdentity } from './types.js';
import { describeUser, globProblem, userMatchesRule } from './user.js';

/** Model localization by model name: a map, or a function (late-bound to the adapter's schema). */
export type ModelLookup = ReadonlyMap<string, ModelLocalization> | ((modelName: string) => ModelLocalization | undefined);

/** Finds a model in a {@link ModelLookup}. */
export function findModel(models: ModelLookup | undefined, modelName: string): ModelLocalization | undefined {
    if (!models) return undefined;
    return typeof models === 'function' ? models(modelName) : models.get(modelName);
}

// ---------------------------------------------------------------------------------------------
// Validation (init)

const RULE_KEYS = ['emails', 'roles', 'sso', 'locales'];
const ACCESS_KEYS = ['rules', 'default', 'requireUser'];

function describeValue(value: unknown): string {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'an array';
    return typeof value === 'string' ? `"${value}"` : typeof value;
}

function validateGrant(grant: unknown, path: string, locales: LocaleContext): void {
    if (grant === '*') return;
    if (!Array.isArray(grant)) {
        throw new ConfigError(path, `expected '*' (every locale) or a list of locale codes, got ${describeValue(grant)}`);
    }
    if (grant.length === 0) {
        throw new ConfigError(path, `the locale list is empty; grant at least one of ${locales.enabled.join(', ')} (or '*' for every locale)`);
    }
    grant.forEach((code: unknown, index) => {
        const itemPath = `${path}[${index}]`;
        if (typeof code !== 'string') {
            throw new ConfigError(itemPath, `expected a locale code, got ${describeValue(code)}`);
        }
        const known = locales.locales.find((locale) => locale.code === code);
        if (!known) {
            throw new ConfigError(itemPath, `"${code}" is not a locale of the space (space locales: ${locales.locales.map((locale) => locale.code).join(', ')})`);
        }
        if (!locales.enabled.includes(code)) {
            throw new ConfigError(itemPath, `locale "${code}" is not enabled for this project (enabled: ${locales.enabled.join(', ')}); add it to the \`locales\` option or remove it here`);
        }
    });
}

function validateGlobList(list: unknown, path: string, kind: 'email' | 'role' | 'value'): void {
    const values = typeof list === 'string' && kind === 'value' ? [list] : list;
    if (!Array.isArray(values)) {
        throw new ConfigError(path, `expected a list of ${kind} globs, got ${describeValue(list)}`);
    }
    if (values.length === 0) {
        throw new ConfigError(path, `the list is empty, so the rule could never match; remove it or add a ${kind} glob`);
    }
    values.forEach((glob: unknown, index) => {
        const itemPath = Array.isArray(list) ? `${path}[${index}]` : path;
        if (typeof glob !== 'string') {
            throw new ConfigError(itemPath, `expected a ${kind} glob (string), got ${describeValue(glob)}`);
        }
        const problem = globProblem(glob);
        if (problem) {
            throw new ConfigError(itemPath, `the glob "${glob}" ${problem}`);
        }
        if (kind === 'email' && !glob.includes('@') && !glob.includes('*')) {
            throw new ConfigError(itemPath, `the glob "${glob}" has no "@" and no "*", so it can never match an email address`);
        }
    });
}

function validateRule(rule: unknown, path: string, locales: LocaleContext): void {
    if (!_.isPlainObject(rule)) {
        throw new ConfigError(path, `expected an object like { emails: ['*@acme.fr'], locales: ['fr'] }, got ${describeValue(rule)}`);
    }
    const record = rule as Record<string, unknown>;
    for (const key of Object.keys(record)) {
        if (!RULE_KEYS.includes(key)) {
            throw new ConfigError(`${path}.${key}`, `unknown key; a rule has ${RULE_KEYS.join(', ')}`);
        }
    }
    if (record['emails'] === undefined && record['roles'] === undefined && record['sso'] === undefined) {
        throw new ConfigError(path, 'the rule has no matcher; give `emails`, `roles` or `sso` (use `access.default` for everyone else)');
    }
    if (record['emails'] !== undefined) validateGlobList(record['emails'], `${path}.emails`, 'email');
    if (record['roles'] !== undefined) validateGlobList(record['roles'], `${path}.roles`, 'role');
    if (record['sso'] !== undefined) {
        const sso = record['sso'];
        if (!_.isPlainObject(sso) || Object.keys(sso as object).length === 0) {
            throw new ConfigError(`${path}.sso`, `expected an object of SSO attribute name -> value globs with at least one attribute, got ${describeValue(sso)}`);
        }
        for (const [attribute, globs] of Object.entries(sso as Record<string, unknown>)) {
            validateGlobList(globs, `${path}.sso.${attribute}`, 'value');
        }
    }
    if (record['locales'] === undefined) {
        throw new ConfigError(`${path}.locales`, `missing; give '*' (every locale) or a list of locale codes`);
    }
    validateGrant(record['locales'], `${path}.locales`, locales);
}

/**
 * Validates the `access` option against the project's locales; called by `init`.
 *
 * @throws ConfigError naming the exact option path (`access.rules[2].locales[0]`, `access.default`, …)
 *   for unknown or disabled locale codes, empty lists, rules without a matcher, bad globs, wrong
 *   types and unknown keys.
 */
export function validateAccessOptions(access: AccessOptions | undefined, locales: LocaleContext): void {
    if (access === undefined) return;
    if (!_.isPlainObject(access)) {
        throw new ConfigError('access', `expected an object like { rules: [...], default: '*' }, got ${describeValue(access)}`);
    }
    for (const key of Object.keys(access)) {
        if (!ACCESS_KEYS.includes(key)) {
            throw new ConfigError(`access.${key}`, `unknown key; \`access\` has ${ACCESS_KEYS.join(', ')}`);
        }
    }
    if (access.rules !== undefined) {
        if (!Array.isArray(access.rules)) {
            throw new ConfigError('access.rules', `expected a list of rules, got ${describeValue(access.rules)}`);
        }
        access.rules.forEach((rule, index) => validateRule(rule, `access.rules[${index}]`, locales));
    }
    if (access.default !== undefined) validateGrant(access.default, 'access.default', locales);
    if (access.requireUser !== undefined && typeof access.requireUser !== 'boolean') {
        throw new ConfigError('access.requireUser', `expected true or false, got ${describeValue(access.requireUser)}`);
    }
}

// ---------------------------------------------------------------------------------------------
// Grants and modes

function normalizeGrant(grant: LocaleGrant | undefined): LocaleGrant {
    return grant === undefined || grant === '*' ? '*' : _.uniq(grant);
}

/**
 * Matches a user to the access rules: the first rule whose every given matcher matches (email
 * globs and roles case-insensitive, SSO attribute value globs), else `access.default` (default `'*'`).
 * A call with no user is global (`source: 'no-user'`); `requireUser` is applied by {@link decide}.
 */
export function resolveGrant(user: UserIdentity | undefined, access: AccessOptions | undefined): ResolvedGrant {
    if (!user) return { locales: '*', source: 'no-user' };
    const index = (access?.rules ?? []).findIndex((rule) => userMatchesRule(user, rule));
    if (index !== -1) return { locales: normalizeGrant(access!.rules![index]!.locales), source: index };
    return { locales: normalizeGrant(access?.default), source: 'default' };
}

/** True when the grant covers every locale. */
export function isGlobalGrant(grant: ResolvedGrant): grant is ResolvedGrant & { locales: '*' } {
    return grant.locales === '*';
}

/** The locales of a restricted grant (empty for a global one). */
export function grantedLocales(grant: ResolvedGrant): string[] {
    return grant.locales === '*' ? [] : grant.locales;
}

/**
 * The locale mode an operation runs in. A global user is in Global mode when the operation carries
 * no locale or the default locale, and in Specific mode for any other locale; a restricted user is
 * always in Specific mode (the operation locale, else their first locale).
 *
 * @param defaultLocale - the space's default locale; without it any given locale means Specific.
 */
export function modeFor(grant: ResolvedGrant, locale?: string, defaultLocale?: string): LocaleMode {
    if (isGlobalGrant(grant)) {
        return locale === undefined || locale === defaultLocale ? { kind: 'global' } : { kind: 'specific', locale };
    }
    return { kind: 'specific', locale: locale ?? grant.locales[0] ?? defaultLocale ?? '' };
}

/**
 * The locale an asset upload writes. The engine sends the default locale whenever the editor gives
 * none (Global mode, and always for a preset's thumbnail); a user restricted to other locales is
 * never in Global mode, so their upload goes to their first enabled locale. A new asset gets the file
 * in the default locale too either way, and nothing that exists in the default locale is touched.
 */
export function uploadLocaleFor(grant: ResolvedGrant, requested: string, defaultLocale: string, enabled: readonly string[]): string {
    const granted = grantedLocales(grant);
    if (requested !== defaultLocale || isGlobalGrant(grant) || granted.includes(defaultLocale)) return requested;
    return granted.find((code) => enabled.includes(code)) ?? requested;
}

// ---------------------------------------------------------------------------------------------
// Decisions (SPEC §5 table)

/** What an operation touches. */
export interface AccessTarget {
    kind: 'document' | 'asset';
    id?: string;
    modelName?: string;
    /** The model is localized per object (one entry per locale). */
    objectLevel: boolean;
    /** Object-level documents: the document's locale. */
    documentLocale?: string;
    /** The model has at least one localized field (assets always have). */
    hasLocalizedFields: boolean;
}

/** One field an update writes. */
export interface FieldWrite {
    fieldId: string;
    /** Contentful localizes the field (one value per locale). */
    localized: boolean;
    /** Object-level shared field: one value for every variant of a translation group. */
    shared?: boolean;
    /** The operation's locale; `undefined` means the default locale. */
    locale?: string;
}

/** One operation to decide. */
export interface AccessRequest {
    action: AccessAction;
    user: UserIdentity | undefined;
    grant: ResolvedGrant;
    /** `access.requireUser`: refuse every action but `view` when there is no user. */
    requireUser?: boolean;
    defaultLocale: string;
    target: AccessTarget;
    /** create / upload-asset / multi-locale create: the locales written (default: the default locale). */
    locales?: string[];
    /** update / update-asset: the fields written. */
    fieldWrites?: FieldWrite[];
}

/** A decision with the mode it was taken in and, for a refusal, the field and locale at fault. */
export interface DetailedAccessDecision extends AccessDecision {
    mode: LocaleMode;
    field?: string;
    locale?: string;
}

const ACTION_VERBS: Record<AccessAction, string> = {
    view: 'view',
    create: 'create',
    update: 'edit',
    delete: 'delete',
    archive: 'archive',
    unarchive: 'unarchive',
    publish: 'publish',
    unpublish: 'unpublish',
    'upload-asset': 'upload assets',
    'update-asset': 'edit assets'
};

/** The verb of an action, as used in messages ("edit", "upload assets", …). */
export function actionVerb(action: AccessAction): string {
    return ACTION_VERBS[action];
}

/** `document "home-de"`, `asset "logo"`, or `a new page document`. */
export function describeTarget(target: AccessTarget): string {
    if (target.id) return `${target.kind} "${target.id}"`;
    return target.modelName ? `a new ${target.modelName} ${target.kind}` : `a new ${target.kind}`;
}

/** A field-level document of a model without localized fields: view-only for restricted users. */
function isNonLocalizedDocument(target: AccessTarget): boolean {
    return target.kind === 'document' && !target.objectLevel && !target.hasLocalizedFields;
}

/**
 * Why a target may not be published by someone limited to `locales` (Specific mode / restricted
 * user), or `undefined` when it may: object-level documents of those locales and documents with
 * localized fields (field-level documents, assets) may; documents of other locales and documents
 * without any localized field may not (SPEC §7).
 */
export function publishProblem(target: AccessTarget, locales: readonly string[]): string | undefined {
    if (target.objectLevel) {
        if (target.documentLocale === undefined) return `${describeTarget(target)} has no locale`;
        return locales.includes(target.documentLocale) ? undefined : `${describeTarget(target)} is ${target.documentLocale}`;
    }
    if (isNonLocalizedDocument(target)) {
        return `${target.modelName ? `model "${target.modelName}"` : describeTarget(target)} has no localized field, so it belongs to every locale`;
    }
    return undefined;
}

function operationLocale(request: AccessRequest): string | undefined {
    return request.locales?.[0] ?? request.fieldWrites?.find((write) => write.locale !== undefined)?.locale ?? (request.target.objectLevel ? request.target.documentLocale : undefined);
}

function decideGlobal(request: AccessRequest, who: string, mode: LocaleMode): DetailedAccessDecision {
    const { target, defaultLocale } = request;
    const reason = request.grant.source === 'no-user' ? 'a call without a user is global (access.requireUser is not set)' : `${who} has access to every locale`;
    if (target.kind === 'document' && (request.action === 'update' || request.action === 'update-asset')) {
        for (const write of request.fieldWrites ?? []) {
            if (target.objectLevel) {
                // Shared fields are edited on the default-locale variant and copied to the others.
                if (write.shared && target.documentLocale !== undefined && target.documentLocale !== defaultLocale) {
                    const reasonShared = `field "${write.fieldId}" is shared by every translation and is read-only on the ${target.documentLocale} variant ${describeTarget(target)}; edit it on the ${defaultLocale} variant`;
                    return { allowed: false, mode, field: write.fieldId, locale: target.documentLocale, reason: reasonShared };
                }
            } else if (!write.localized && write.locale !== undefined && write.locale !== defaultLocale) {
                const reasonField = `field "${write.fieldId}" is not localized and lives in the default locale ${defaultLocale}; edit it in Global mode or in ${defaultLocale}, not in ${write.locale}`;
                return { allowed: false, mode, field: write.fieldId, locale: write.locale, reason: reasonField };
            }
        }
    }
    return { allowed: true, mode, reason };
}

function decideRestricted(request: AccessRequest, who: string, mode: LocaleMode): DetailedAccessDecision {
    const { action, target, defaultLocale } = request;
    const granted = grantedLocales(request.grant);
    const only = `${who} may edit only ${granted.join(', ')}`;
    const allow = (reason: string): DetailedAccessDecision => ({ allowed: true, mode, reason });
    const deny = (reason: string, locale?: string, field?: string): DetailedAccessDecision => ({ allowed: false, mode, reason, locale, field });
    const documentLocale = target.documentLocale;
    const ownLocale = (): DetailedAccessDecision =>
        documentLocale !== undefined && granted.includes(documentLocale)
            ? allow(`${who} may edit ${documentLocale} and ${describeTarget(target)} is ${documentLocale}`)
            : deny(`${only}; ${describeTarget(target)} is ${documentLocale ?? 'without a locale'}`, documentLocale);

    if (action === 'view') {
        if (target.objectLevel && documentLocale !== undefined && !granted.includes(documentLocale)) {
            return deny(`${who} may view only ${granted.join(', ')} and documents without a locale; ${describeTarget(target)} is ${documentLocale}`, documentLocale);
        }
        return allow(`${who} may view ${target.objectLevel && documentLocale !== undefined ? `${documentLocale} documents` : 'documents without a locale'}`);
    }
    if (isNonLocalizedDocument(target)) {
        return deny(`${only}; ${target.modelName ? `model "${target.modelName}"` : describeTarget(target)} has no localized field, so its documents are view-only for users restricted to some locales`);
    }
    switch (action) {
        case 'create':
        case 'upload-asset': {
            const written = request.locales?.length ? request.locales : [defaultLocale];
            const outside = written.filter((locale) => !granted.includes(locale));
            if (outside.length > 0) return deny(`${who} may create only in ${granted.join(', ')}, not in ${outside.join(', ')}`, outside[0]);
            return allow(`${who} may create in ${written.join(', ')}`);
        }
        case 'update':
        case 'update-asset': {
            if (target.objectLevel) {
                const decision = ownLocale();
                const shared = (request.fieldWrites ?? []).find((write) => write.shared);
                if (decision.allowed && shared) {
                    return deny(`${only}; field "${shared.fieldId}" is shared by every translation of ${describeTarget(target)}, so only users with access to every locale may edit it`, documentLocale, shared.fieldId);
                }
                return decision;
            }
            for (const write of request.fieldWrites ?? []) {
                const locale = write.locale ?? defaultLocale;
                if (target.kind === 'document' && !write.localized) {
                    return deny(`${only}; field "${write.fieldId}" is not localized (one value for every locale), so only users with access to every locale may edit it`, locale, write.fieldId);
                }
                if (!granted.includes(locale)) {
                    return deny(`${only}; field "${write.fieldId}" would be written in ${locale}`, locale, write.fieldId);
                }
            }
            return allow(`${who} may edit the ${granted.join(', ')} values of ${describeTarget(target)}`);
        }
        case 'delete':
        case 'archive':
        case 'unarchive':
            if (target.objectLevel) return ownLocale();
            return deny(`${only}; ${describeTarget(target)} holds every locale's content, so only users with access to every locale may ${ACTION_VERBS[action]} it`);
        case 'publish':
        case 'unpublish': {
            const problem = publishProblem(target, granted);
            if (problem) return deny(`${who} may ${ACTION_VERBS[action]} only ${granted.join(', ')}; ${problem}`, documentLocale);
            return allow(
                target.objectLevel
                    ? `${who} may ${ACTION_VERBS[action]} ${documentLocale} documents`
                    : `${who} may ${ACTION_VERBS[action]} the ${granted.join(', ')} part of ${describeTarget(target)} (see planPublish for whole vs per-locale)`
            );
        }
    }
}

/**
 * Decides one operation (every cell of the SPEC §5 table, for global and restricted users in
 * Global and Specific modes). Pure and cheap: the adapter calls it before every write.
 */
export function decide(request: AccessRequest): DetailedAccessDecision {
    const who = describeUser(request.user);
    const mode = modeFor(request.grant, operationLocale(request), request.defaultLocale);
    if (request.action !== 'view' && request.requireUser && !request.user) {
        return { allowed: false, mode, reason: `access.requireUser is set and the call carries no user, so it may not ${ACTION_VERBS[request.action]} anything` };
    }
    return isGlobalGrant(request.grant) ? decideGlobal(request, who, mode) : decideRestricted(request, who, mode);
}

/**
 * {@link decide}, throwing when refused.
 *
 * @throws AccessDeniedError naming the user, action, document, field, locale and reason.
 */
export function assertAllowed(request: AccessRequest): DetailedAccessDecision {
    const decision = decide(request);
    if (!decision.allowed) {
        throw new AccessDeniedError({
            user: describeUser(request.user),
            action: ACTION_VERBS[request.action],
            documentId: request.target.id,
            field: decision.field,
            locale: decision.locale,
            reason: decision.reason
        });
    }
    return decision;
}
