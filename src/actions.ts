/**
 * Visual Editor custom actions for copy entry, localize and unlocalize (SPEC §6), so editors can
 * use them from the editor. Each action calls the adapter's public method with the editor's
 * current locale and user; the adapter checks access and writes all-or-nothing, as it does for a
 * script.
 *
 * Two kinds, because `stackbit.config.ts` takes them in two places:
 * - document actions ({@link localizationActions}) go into a page or data model's `actions`
 *   (`modelExtensions: [{ name: 'page', actions: localizationActions({ source }) }]`) and act on the
 *   document they are run on;
 * - global actions ({@link localizationPageActions}) go into the config's top-level `actions` and
 *   act on the page open in the editor (`currentPageDocument`).
 */
import type {
    CustomActionDocument,
    CustomActionGlobal,
    CustomActionPermissions,
    CustomActionResult,
    CustomActionState,
    DocumentWithSource,
    ModelWithSource,
    User
} from '@stackbit/types';
import type { LocalizedContentfulSource } from './content-source.js';

/** What a localization action does. */
export type LocalizationActionKind = 'copy-current-locale' | 'copy-all-locales' | 'localize' | 'unlocalize';

/** Options of every action factory. */
export interface LocalizationActionOptions {
    /** The content source the actions act on (documents of other sources are left alone). */
    source: LocalizedContentfulSource;
    /** The action's unique name (default: see {@link DEFAULT_ACTION_NAMES}). */
    name?: string;
    /** The button label (default: a label naming the action). */
    label?: string;
}

/** Default names of the document actions; the page actions get a `page-` prefix. */
export const DEFAULT_ACTION_NAMES: Record<LocalizationActionKind, string> = {
    'copy-current-locale': 'copy-entry-current-locale',
    'copy-all-locales': 'copy-entry-all-locales',
    localize: 'localize',
    unlocalize: 'unlocalize'
};

const DEFAULT_LABELS: Record<LocalizationActionKind, string> = {
    'copy-current-locale': 'Copy entry (current locale)',
    'copy-all-locales': 'Copy entry (all locales)',
    localize: 'Localize in current locale',
    unlocalize: 'Revert to fallback locale'
};

const ICONS = { 'copy-current-locale': 'copy', 'copy-all-locales': 'copy', localize: 'globe', unlocalize: 'undo' } as const;

/** What one run needs, from either action kind. */
interface ActionContext {
    source: LocalizedContentfulSource;
    document: DocumentWithSource | undefined;
    model?: ModelWithSource;
    currentLocale?: string;
    /** The per-source user context when the engine gives one, else the engine user, else none. */
    user?: unknown;
}

function belongsTo(source: LocalizedContentfulSource, document: DocumentWithSource): boolean {
    return document.srcType === source.getContentSourceType() && document.srcProjectId === source.getProjectId();
}

function describeDocument(document: DocumentWithSource): string {
    return `${document.modelName} "${document.id}"${document.locale ? ` (${document.locale})` : ''}`;
}

function plural(count: number, one: string, many: string): string {
    return `${count} ${count === 1 ? one : many}`;
}

/** Why an action cannot run on this document in this locale, or undefined when it can. */
function refusal(kind: LocalizationActionKind, context: ActionContext): string | undefined {
    const { source, document, currentLocale } = context;
    if (!document) return 'Open a page (or select a document) first: this action works on a document.';
    if (!belongsTo(source, document)) {
        return `${describeDocument(document)} comes from another content source (${document.srcType} ${document.srcProjectId}); this action works on documents of Contentful space "${source.getProjectId()}".`;
    }
    if (kind === 'localize' || kind === 'unlocalize') {
        const verb = kind === 'localize' ? 'localize' : 'revert';
        if (!currentLocale) return `Choose a locale in the editor's locale switcher first: there is no locale to ${verb} ${describeDocument(document)} in (Global mode).`;
        const defaultLocale = source.getLocales().find((locale) => locale.default)?.code;
        if (currentLocale === defaultLocale) {
            return `${currentLocale} is the default locale: it has no fallback to ${kind === 'localize' ? 'copy from' : 'revert to'}. Switch to another locale to ${verb} ${describeDocument(document)}.`;
        }
    }
    return undefined;
}

/** Runs one action; every failure becomes an `error` message the editor shows. */
async function runAction(kind: LocalizationActionKind, context: ActionContext): Promise<CustomActionResult> {
    const refused = refusal(kind, context);
    if (refused) return { error: refused };
    const { source, currentLocale, user } = context;
    const document = context.document!;
    try {
        switch (kind) {
            case 'copy-current-locale':
            case 'copy-all-locales': {
                const scope = kind === 'copy-current-locale' ? 'current-locale' : 'all-locales';
                const locale = currentLocale ?? document.locale;
                const { documentIds } = await source.copyDocument({ documentId: document.id, scope, locale, userContext: user });
                const where = scope === 'current-locale' ? `in ${locale ?? 'the default locale'}` : 'in all locales';
                return {
                    success: `Copied ${describeDocument(document)} ${where}: ${plural(documentIds.length, 'new entry', 'new entries')} (${documentIds.join(', ')}).`,
                    result: { documentIds }
                };
            }
            case 'localize': {
                const { documentId } = await source.localize({ documentId: document.id, locale: currentLocale!, userContext: user });
                const what = documentId === document.id ? 'now has its own values' : `now has its own variant "${documentId}"`;
                return { success: `${describeDocument(document)} ${what} in ${currentLocale}.`, result: { documentId } };
            }
            case 'unlocalize': {
                await source.unlocalize({ documentId: document.id, locale: currentLocale!, userContext: user });
                return { success: `${describeDocument(document)} inherits its ${currentLocale} content from the fallback locale again.` };
            }
        }
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        source.logger?.warn(`localized-contentful-source: action "${kind}" on ${describeDocument(document)} failed: ${message}`);
        return { error: message };
    }
}

/**
 * Whether the action has anything to do: localize needs something inherited in the current
 * locale, unlocalize needs the locale's own content. Copy is always possible.
 */
function stateOf(kind: LocalizationActionKind, context: ActionContext): CustomActionState {
    if (refusal(kind, context)) return 'disabled';
    if (kind === 'copy-current-locale' || kind === 'copy-all-locales') return 'enabled';
    try {
        const status = context.source.getLocalizationStatus({ documentId: context.document!.id }).find((entry) => entry.locale === context.currentLocale);
        if (!status) return 'disabled';
        if (kind === 'unlocalize') return status.state === 'localized' ? 'enabled' : 'disabled';
        // Field-level: enabled while some localized field still inherits.
        if (status.fields) return Object.values(status.fields).includes('inherited') ? 'enabled' : 'disabled';
        return status.state === 'inherited' ? 'enabled' : 'disabled';
    } catch {
        // Not loaded yet, or the document is gone: nothing to act on.
        return 'disabled';
    }
}

/** The locales a copy writes: the locales with content of their own, in the current locale's hierarchy or all. */
function copyLocales(kind: LocalizationActionKind, source: LocalizedContentfulSource, document: DocumentWithSource, locale: string): string[] {
    const own = source
        .getLocalizationStatus({ documentId: document.id })
        .filter((status) => status.state === 'localized')
        .map((status) => status.locale);
    if (kind === 'copy-all-locales') return own.length > 0 ? own : [locale];
    const locales = source.getLocales();
    const hierarchy = [locale];
    for (let next = locales.find((entry) => entry.code === locale)?.fallback; next && !hierarchy.includes(next); next = locales.find((entry) => entry.code === next)?.fallback) {
        hierarchy.push(next);
    }
    const written = hierarchy.filter((code) => own.includes(code));
    return written.length > 0 ? written : [locale];
}

/**
 * Whether the user may run the action at all (a hint for the editor; the adapter checks every
 * locale it writes when the action runs). A copy needs every locale it would write.
 */
function permissionsOf(kind: LocalizationActionKind, context: ActionContext): CustomActionPermissions | undefined {
    const { source, document, model, user } = context;
    if (!document || !belongsTo(source, document)) return undefined;
    const locale = context.currentLocale ?? document.locale ?? source.getLocales().find((entry) => entry.default)?.code;
    if (!locale) return undefined;
    try {
        if (kind === 'copy-current-locale' || kind === 'copy-all-locales') {
            const createLocales = copyLocales(kind, source, document, locale);
            return { canExecute: source.explain({ user, action: 'create', modelName: document.modelName, createLocales }).allowed };
        }
        const objectLevel = model !== undefined && 'localized' in model && model.localized === true;
        if (objectLevel) {
            return { canExecute: source.explain({ user, action: 'create', modelName: document.modelName, locale }).allowed };
        }
        const localizedField = Object.entries(document.fields).find(([, field]) => field.localized === true)?.[0];
        return { canExecute: source.explain({ user, action: 'update', document, locale, field: localizedField }).allowed };
    } catch {
        return undefined;
    }
}

/**
 * One document action (for a page or data model's `actions`).
 *
 * @param kind - what it does: copy in the current locale, copy in all locales, localize or unlocalize.
 * @returns a `CustomActionDocument` whose `run` calls the source with the editor's current locale
 *   and user, and resolves with a `success` or `error` message for the editor.
 */
export function localizationAction(kind: LocalizationActionKind, options: LocalizationActionOptions): CustomActionDocument {
    const { source } = options;
    return {
        type: 'document',
        name: options.name ?? DEFAULT_ACTION_NAMES[kind],
        label: options.label ?? DEFAULT_LABELS[kind],
        icon: ICONS[kind],
        state: async ({ document, currentLocale }) => stateOf(kind, { source, document, currentLocale }),
        permissions: ({ document, model, currentLocale, userContext }) => permissionsOf(kind, { source, document, model, currentLocale, user: userContext }),
        run: async ({ document, currentLocale, currentUser, getUserContextForContentSourceType }) =>
            runAction(kind, { source, document, currentLocale, user: userOf(document.srcType, currentUser, getUserContextForContentSourceType) })
    };
}

function userOf(srcType: string, currentUser: User | undefined, forSource: ((srcType: string) => User | undefined) | undefined): unknown {
    return forSource?.(srcType) ?? currentUser;
}

/** "Copy entry" on a document, in the editor's current locale (`'current-locale'`) or in all locales. */
export function copyEntryAction(options: LocalizationActionOptions & { scope: 'current-locale' | 'all-locales' }): CustomActionDocument {
    return localizationAction(options.scope === 'current-locale' ? 'copy-current-locale' : 'copy-all-locales', options);
}

/** "Localize" a document in the editor's current locale (break inheritance). */
export function localizeAction(options: LocalizationActionOptions): CustomActionDocument {
    return localizationAction('localize', options);
}

/** "Unlocalize" a document in the editor's current locale (revert to inheritance). */
export function unlocalizeAction(options: LocalizationActionOptions): CustomActionDocument {
    return localizationAction('unlocalize', options);
}

/**
 * Every document action: copy (current locale), copy (all locales), localize, unlocalize. Put them
 * into the models editors work on:
 *
 * ```ts
 * modelExtensions: [{ name: 'page', type: 'page', urlPath: '/{slug}', actions: localizationActions({ source }) }]
 * ```
 */
export function localizationActions(options: { source: LocalizedContentfulSource; only?: LocalizationActionKind[] }): CustomActionDocument[] {
    const kinds = options.only ?? (Object.keys(DEFAULT_ACTION_NAMES) as LocalizationActionKind[]);
    return kinds.map((kind) => localizationAction(kind, { source: options.source }));
}

/**
 * The same actions as global actions acting on the page open in the editor, for the config's
 * top-level `actions: localizationPageActions({ source })`. Names get a `page-` prefix so they can
 * sit next to the document actions.
 */
export function localizationPageActions(options: { source: LocalizedContentfulSource; only?: LocalizationActionKind[] }): CustomActionGlobal[] {
    const { source } = options;
    const kinds = options.only ?? (Object.keys(DEFAULT_ACTION_NAMES) as LocalizationActionKind[]);
    return kinds.map(
        (kind): CustomActionGlobal => ({
            type: 'global',
            name: `page-${DEFAULT_ACTION_NAMES[kind]}`,
            label: DEFAULT_LABELS[kind].replace('entry', 'page'),
            icon: ICONS[kind],
            state: async ({ currentPageDocument, currentLocale }) => stateOf(kind, { source, document: currentPageDocument, currentLocale }),
            permissions: ({ currentPageDocument, currentLocale, userContext }) => permissionsOf(kind, { source, document: currentPageDocument, currentLocale, user: userContext }),
            run: async ({ currentPageDocument, currentLocale, currentUser, getUserContextForContentSourceType }) =>
                runAction(kind, {
                    source,
                    document: currentPageDocument,
                    currentLocale,
                    user: currentPageDocument ? userOf(currentPageDocument.srcType, currentUser, getUserContextForContentSourceType) : currentUser
                })
        })
    );
}
