// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as BrowserEntry from '../../src/browser/index.js';

type Entry = typeof BrowserEntry;
type EditorWindow = Window & { stackbit?: { setLocale?: (locale: string) => void } };

/** A fresh copy of the entry per test, so one test's unanswered setLocale cannot leak into the next. */
async function freshEntry(): Promise<Entry> {
    vi.resetModules();
    return import('../../src/browser/index.js');
}

/** Installs a fake editor the way the Visual Editor exposes itself to the previewed page. */
function installEditor(): ReturnType<typeof vi.fn<(locale: string) => void>> {
    const editorSetLocale = vi.fn<(locale: string) => void>();
    (window as EditorWindow).stackbit = { setLocale: editorSetLocale };
    return editorSetLocale;
}

/** What the editor does when its locale switcher changes. */
function editorSwitchesTo(detail: unknown): void {
    window.dispatchEvent(new CustomEvent('stackbitLocaleChanged', { detail }));
}

afterEach(() => {
    delete (window as EditorWindow).stackbit;
    vi.useRealTimers();
});

describe('outside the Visual Editor', () => {
    it('setLocale does nothing and isInVisualEditor is false', async () => {
        const entry = await freshEntry();
        expect(entry.isInVisualEditor()).toBe(false);
        expect(() => entry.setLocale('fr')).not.toThrow();
    });

    it('a window.stackbit without setLocale is not the editor', async () => {
        const entry = await freshEntry();
        (window as EditorWindow).stackbit = {};
        expect(entry.isInVisualEditor()).toBe(false);
        expect(() => entry.setLocale('fr')).not.toThrow();
    });
});

describe('setLocale and onLocaleChange', () => {
    let entry: Entry;
    let editorSetLocale: ReturnType<typeof installEditor>;
    beforeEach(async () => {
        entry = await freshEntry();
        editorSetLocale = installEditor();
    });

    it('tells the editor the locale', () => {
        expect(entry.isInVisualEditor()).toBe(true);
        entry.setLocale('fr');
        expect(editorSetLocale).toHaveBeenCalledExactlyOnceWith('fr');
    });

    it('passes the locale and the page context fields of the event to the handler', () => {
        const handler = vi.fn();
        entry.onLocaleChange(handler);
        editorSwitchesTo({ locale: 'de', srcDocumentId: 'page-home-de', pageUrl: '/de/' });
        expect(handler).toHaveBeenCalledExactlyOnceWith({ locale: 'de', editorLocale: 'de', srcDocumentId: 'page-home-de', pageUrl: '/de/' });
    });

    it('stops calling the handler after unsubscribing', () => {
        const handler = vi.fn();
        const unsubscribe = entry.onLocaleChange(handler);
        editorSwitchesTo({ locale: 'de' });
        unsubscribe();
        editorSwitchesTo({ locale: 'fr' });
        expect(handler).toHaveBeenCalledTimes(1);
    });

    it('ignores events without a locale (Global mode, malformed details, plain events)', () => {
        const handler = vi.fn();
        entry.onLocaleChange(handler);
        editorSwitchesTo({});
        editorSwitchesTo({ locale: '' });
        editorSwitchesTo({ locale: 42 });
        editorSwitchesTo(null);
        editorSwitchesTo('fr');
        window.dispatchEvent(new Event('stackbitLocaleChanged'));
        expect(handler).not.toHaveBeenCalled();
    });

    it('swallows exactly the echo of its own setLocale, not the next genuine change to the same locale', () => {
        const handler = vi.fn();
        entry.onLocaleChange(handler);
        entry.setLocale('fr');
        editorSwitchesTo({ locale: 'fr' }); // the editor's answer to setLocale
        expect(handler).not.toHaveBeenCalled();
        editorSwitchesTo({ locale: 'de' });
        editorSwitchesTo({ locale: 'fr' });
        expect(handler.mock.calls.map(([change]) => change.locale)).toEqual(['de', 'fr']);
    });

    it('a second switch to the same locale after the echo is delivered', () => {
        const handler = vi.fn();
        entry.onLocaleChange(handler);
        entry.setLocale('fr');
        editorSwitchesTo({ locale: 'fr' });
        editorSwitchesTo({ locale: 'fr' });
        expect(handler).toHaveBeenCalledTimes(1);
    });

    it('every subscriber ignores the echo, and every subscriber gets the genuine change', () => {
        const first = vi.fn();
        const second = vi.fn();
        entry.onLocaleChange(first);
        entry.onLocaleChange(second);
        entry.setLocale('fr');
        editorSwitchesTo({ locale: 'fr' });
        editorSwitchesTo({ locale: 'de' });
        expect(first.mock.calls.map(([change]) => change.locale)).toEqual(['de']);
        expect(second.mock.calls.map(([change]) => change.locale)).toEqual(['de']);
    });

    it('an unanswered setLocale (editor already on that locale) does not swallow a later genuine change', () => {
        const handler = vi.fn();
        entry.onLocaleChange(handler);
        entry.setLocale('fr'); // the editor already shows fr: no echo comes
        editorSwitchesTo({ locale: 'de' });
        editorSwitchesTo({ locale: 'fr' });
        expect(handler.mock.calls.map(([change]) => change.locale)).toEqual(['de', 'fr']);
    });

    it('a switch to Global also ends the wait for an echo', () => {
        const handler = vi.fn();
        entry.onLocaleChange(handler);
        entry.setLocale('fr');
        editorSwitchesTo({ locale: undefined });
        editorSwitchesTo({ locale: 'fr' });
        expect(handler).toHaveBeenCalledExactlyOnceWith({ locale: 'fr', editorLocale: 'fr' });
    });

    it('stops waiting for an echo after the echo timeout', () => {
        vi.useFakeTimers();
        const handler = vi.fn();
        entry.onLocaleChange(handler);
        entry.setLocale('fr');
        vi.advanceTimersByTime(2900); // a slow echo is still an echo
        editorSwitchesTo({ locale: 'fr' });
        expect(handler).not.toHaveBeenCalled();
        entry.setLocale('fr');
        vi.advanceTimersByTime(3001); // no echo came in time: the next fr is the editor's own choice
        editorSwitchesTo({ locale: 'fr' });
        expect(handler).toHaveBeenCalledTimes(1);
    });

    it('two quick setLocale calls each swallow their own echo', () => {
        const handler = vi.fn();
        entry.onLocaleChange(handler);
        entry.setLocale('fr');
        entry.setLocale('de');
        editorSwitchesTo({ locale: 'fr' });
        editorSwitchesTo({ locale: 'de' });
        expect(handler).not.toHaveBeenCalled();
    });

    it('when the editor throws, the error reaches the caller and no echo is awaited', () => {
        editorSetLocale.mockImplementation((locale) => {
            throw new Error(`unknown locale ${locale}`);
        });
        const handler = vi.fn();
        entry.onLocaleChange(handler);
        expect(() => entry.setLocale('xx')).toThrow('unknown locale xx');
        editorSwitchesTo({ locale: 'xx' });
        expect(handler).toHaveBeenCalledTimes(1);
    });
});

describe('createLocaleBridge (editor codes ≠ site codes)', () => {
    let entry: Entry;
    let editorSetLocale: ReturnType<typeof installEditor>;
    beforeEach(async () => {
        entry = await freshEntry();
        editorSetLocale = installEditor();
    });

    it('maps site codes to editor codes for setLocale, and editor codes to site codes for events', () => {
        const bridge = entry.createLocaleBridge({ editorToSite: { 'fr-FR': 'fr', 'de-DE': 'de' } });
        const handler = vi.fn();
        bridge.onLocaleChange(handler);
        bridge.setLocale('fr');
        expect(editorSetLocale).toHaveBeenCalledExactlyOnceWith('fr-FR');
        editorSwitchesTo({ locale: 'fr-FR' }); // echo, in editor code
        editorSwitchesTo({ locale: 'de-DE' });
        editorSwitchesTo({ locale: 'it' }); // unmapped codes pass through
        expect(handler.mock.calls.map(([change]) => [change.locale, change.editorLocale])).toEqual([
            ['de', 'de-DE'],
            ['it', 'it']
        ]);
        expect(bridge.toSiteLocale('fr-FR')).toBe('fr');
        expect(bridge.toEditorLocale('de')).toBe('de-DE');
        expect(bridge.toEditorLocale('es')).toBe('es');
    });

    it('an echo requested through one bridge is ignored by subscribers of another', () => {
        const bridge = entry.createLocaleBridge({ editorToSite: { 'fr-FR': 'fr' } });
        const handler = vi.fn();
        entry.onLocaleChange(handler);
        bridge.setLocale('fr');
        editorSwitchesTo({ locale: 'fr-FR' });
        expect(handler).not.toHaveBeenCalled();
    });

    it('refuses two editor codes mapped to one site code, naming the option and both codes', () => {
        expect(() => entry.createLocaleBridge({ editorToSite: { 'fr-FR': 'fr', 'fr-BE': 'fr' } })).toThrow(
            /`editorToSite`.*"fr-FR" and "fr-BE" both map to site locale "fr"/
        );
    });

    it('refuses an empty site code', () => {
        expect(() => entry.createLocaleBridge({ editorToSite: { 'fr-FR': '' } })).toThrow(/`editorToSite`.*"fr-FR"/);
    });

    it('refuses a negative echo timeout', () => {
        expect(() => entry.createLocaleBridge({ echoTimeoutMs: -1 })).toThrow(/`echoTimeoutMs`/);
    });
});
