/**
 * `localized-contentful-source/browser`: connects a preview site to the Visual Editor's locale switcher.
 *
 * The editor exposes `window.stackbit.setLocale(code)` to the previewed page and dispatches a
 * `stackbitLocaleChanged` window event (`event.detail.locale`) when an editor picks a locale. This entry
 * wraps both so a site can follow the editor and lead it, without the event loop the official examples
 * guard against by hand (the editor answers a page's `setLocale` with a `stackbitLocaleChanged` for the
 * same locale: that echo must not trigger the page's navigation a second time).
 *
 * No dependencies, and safe to import and call during server rendering: nothing touches `window` at
 * import time, and every function is a no-op where there is no window or no editor.
 */
import { ConfigError } from '../errors.js';

/** The window event the Visual Editor dispatches when its locale switcher changes. */
export const LOCALE_CHANGED_EVENT = 'stackbitLocaleChanged';

/** How long a `setLocale` waits for the editor's echo before a same-locale event counts as genuine again. */
const DEFAULT_ECHO_TIMEOUT_MS = 3000;

/** A locale change announced by the editor, as handed to `onLocaleChange` handlers. */
export interface LocaleChange {
    /** The site's locale code (after mapping editor codes to site codes). */
    locale: string;
    /** The code the editor sent (`event.detail.locale`). */
    editorLocale: string;
    /** Any other page context fields the editor put in `event.detail`. */
    [contextField: string]: unknown;
}

/** Receives the editor's genuine locale changes. */
export type LocaleChangeHandler = (change: LocaleChange) => void;

/** Options of {@link createLocaleBridge}. */
export interface LocaleBridgeOptions {
    /**
     * Editor locale code → site locale code, for sites whose URLs use other codes than the space
     * (`{ 'fr-FR': 'fr' }`). Used in both directions; codes not listed pass through unchanged.
     */
    editorToSite?: Readonly<Record<string, string>>;
    /**
     * How long (ms) a `setLocale` call waits for the editor's echo. After that, an event for the same
     * locale is treated as a genuine change (the editor does not echo a locale it already shows).
     * Default 3000.
     */
    echoTimeoutMs?: number;
}

/** A pair of `setLocale` / `onLocaleChange` that share one locale-code mapping. */
export interface LocaleBridge {
    /** Tells the editor to switch to this site locale. A no-op outside the Visual Editor. */
    setLocale(siteLocale: string): void;
    /** Subscribes to the editor's locale changes (its own echoes excluded); returns an unsubscribe function. */
    onLocaleChange(handler: LocaleChangeHandler): () => void;
    /** The site code for an editor code. */
    toSiteLocale(editorLocale: string): string;
    /** The editor code for a site code. */
    toEditorLocale(siteLocale: string): string;
}

/** The part of the editor's `window.stackbit` object this entry uses. */
interface StackbitEditorApi {
    setLocale?: (locale: string) => void;
}

interface PendingEcho {
    editorLocale: string;
    expiresAt: number;
}

/**
 * Echo bookkeeping is module-wide, not per bridge: the editor has one switcher, so a `setLocale` made
 * through any bridge produces one echo, which every subscriber of every bridge must ignore.
 */
const pendingEchoes: PendingEcho[] = [];
/** Each event is classified once (echo or genuine), so several subscribers agree and an echo is consumed once. */
const echoVerdicts = new WeakMap<Event, boolean>();

function browserWindow(): (Window & { stackbit?: StackbitEditorApi }) | undefined {
    return typeof window === 'undefined' || typeof window.addEventListener !== 'function' ? undefined : window;
}

function editorApi(): StackbitEditorApi | undefined {
    const stackbit = browserWindow()?.stackbit;
    return typeof stackbit === 'object' && stackbit !== null ? stackbit : undefined;
}

/**
 * Whether the page runs inside the Visual Editor (the editor has injected `window.stackbit`).
 * Always `false` during server rendering.
 */
export function isInVisualEditor(): boolean {
    return typeof editorApi()?.setLocale === 'function';
}

/** Reads `event.detail` as a plain record, or undefined when the event carries none. */
function eventDetail(event: Event): Record<string, unknown> | undefined {
    const detail: unknown = (event as CustomEvent<unknown>).detail;
    return typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>) : undefined;
}

function isEcho(event: Event, editorLocale: string | undefined): boolean {
    const known = echoVerdicts.get(event);
    if (known !== undefined) {
        return known;
    }
    const now = Date.now();
    const index = editorLocale === undefined ? -1 : pendingEchoes.findIndex((pending) => pending.editorLocale === editorLocale && pending.expiresAt > now);
    const echo = index >= 0;
    if (echo) {
        pendingEchoes.splice(index, 1);
    } else {
        // The editor moved somewhere the page did not ask for (another locale, or Global): any request
        // still waiting for its echo will not get one, and must not swallow a later genuine change.
        pendingEchoes.length = 0;
    }
    echoVerdicts.set(event, echo);
    return echo;
}

function invertMapping(editorToSite: Readonly<Record<string, string>>): Map<string, string> {
    const siteToEditor = new Map<string, string>();
    for (const [editorCode, siteCode] of Object.entries(editorToSite)) {
        if (typeof siteCode !== 'string' || siteCode === '' || editorCode === '') {
            throw new ConfigError('editorToSite', `"${editorCode}" must map to a non-empty site locale code, got ${JSON.stringify(siteCode)}`);
        }
        const clash = siteToEditor.get(siteCode);
        if (clash !== undefined) {
            throw new ConfigError(
                'editorToSite',
                `editor locales "${clash}" and "${editorCode}" both map to site locale "${siteCode}", so a setLocale("${siteCode}") could not tell which to select`
            );
        }
        siteToEditor.set(siteCode, editorCode);
    }
    return siteToEditor;
}

/**
 * Creates a `setLocale` / `onLocaleChange` pair that translates between the editor's locale codes and
 * the site's (`createLocaleBridge({ editorToSite: { 'fr-FR': 'fr' } })`).
 *
 * @throws ConfigError when two editor codes map to one site code, or a mapping is empty.
 */
export function createLocaleBridge(options: LocaleBridgeOptions = {}): LocaleBridge {
    const editorToSite = new Map(Object.entries(options.editorToSite ?? {}));
    const siteToEditor = invertMapping(options.editorToSite ?? {});
    const echoTimeoutMs = options.echoTimeoutMs ?? DEFAULT_ECHO_TIMEOUT_MS;
    if (!Number.isFinite(echoTimeoutMs) || echoTimeoutMs < 0) {
        throw new ConfigError('echoTimeoutMs', `must be a number of milliseconds >= 0, got ${String(echoTimeoutMs)}`);
    }
    const toSiteLocale = (editorLocale: string): string => editorToSite.get(editorLocale) ?? editorLocale;
    const toEditorLocale = (siteLocale: string): string => siteToEditor.get(siteLocale) ?? siteLocale;

    return {
        toSiteLocale,
        toEditorLocale,
        setLocale(siteLocale: string): void {
            const api = editorApi();
            if (typeof api?.setLocale !== 'function') {
                return;
            }
            const editorLocale = toEditorLocale(siteLocale);
            const pending: PendingEcho = { editorLocale, expiresAt: Date.now() + echoTimeoutMs };
            pendingEchoes.push(pending);
            try {
                api.setLocale(editorLocale);
            } catch (error) {
                // The editor refused: no echo will come, so do not wait for one.
                pendingEchoes.splice(pendingEchoes.indexOf(pending), 1);
                throw error;
            }
        },
        onLocaleChange(handler: LocaleChangeHandler): () => void {
            const target = browserWindow();
            if (!target) {
                return () => undefined;
            }
            const listener = (event: Event): void => {
                const detail = eventDetail(event);
                const editorLocale = typeof detail?.locale === 'string' && detail.locale !== '' ? detail.locale : undefined;
                if (isEcho(event, editorLocale) || editorLocale === undefined) {
                    return;
                }
                handler({ ...detail, locale: toSiteLocale(editorLocale), editorLocale });
            };
            target.addEventListener(LOCALE_CHANGED_EVENT, listener);
            return () => target.removeEventListener(LOCALE_CHANGED_EVENT, listener);
        }
    };
}

const identityBridge = createLocaleBridge();

/**
 * Tells the Visual Editor to switch its locale switcher to `locale`. A no-op outside the editor and
 * during server rendering. The editor's answering `stackbitLocaleChanged` event is not passed to
 * `onLocaleChange` handlers.
 */
export function setLocale(locale: string): void {
    identityBridge.setLocale(locale);
}

/**
 * Calls `handler` when an editor switches locale (the window's `stackbitLocaleChanged` event), with the
 * new locale and the event's page context fields. Events without a locale (Global mode) and the echo of
 * this page's own `setLocale` are ignored. Returns the unsubscribe function (a no-op on the server).
 */
export function onLocaleChange(handler: LocaleChangeHandler): () => void {
    return identityBridge.onLocaleChange(handler);
}
