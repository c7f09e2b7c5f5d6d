/**
 * `localized-contentful-source/browser/react`: the browser entry as a React hook. React is an optional
 * peer dependency; the core `./browser` entry does not import it.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { onLocaleChange as onIdentityLocaleChange, setLocale as setIdentityLocale } from './index.js';
import type { LocaleBridge, LocaleChangeHandler } from './index.js';

/** What {@link useEditorLocale} returns. */
export interface EditorLocaleControls {
    /** Tells the editor to switch to this site locale (no-op outside the editor); its echo is not reported back. */
    setLocale(siteLocale: string): void;
}

/**
 * Follows the Visual Editor's locale switcher from a React component: `onChange` is called for each
 * genuine editor locale change (never for the echo of this page's own `setLocale`). The subscription
 * lives as long as the component; a new `onChange` on each render does not resubscribe.
 *
 * @param onChange receives `{ locale, editorLocale, ...context }`
 * @param bridge a bridge from `createLocaleBridge` when editor and site codes differ; identity otherwise
 */
export function useEditorLocale(onChange: LocaleChangeHandler, bridge?: LocaleBridge): EditorLocaleControls {
    const latestOnChange = useRef(onChange);
    // Updated in an effect (not during render) so concurrent renders that are thrown away cannot leak a
    // handler; effects run in order, so the subscription below always sees the committed one.
    useEffect(() => {
        latestOnChange.current = onChange;
    });

    useEffect(() => {
        const subscribe = bridge ? bridge.onLocaleChange : onIdentityLocaleChange;
        return subscribe((change) => latestOnChange.current(change));
    }, [bridge]);

    const setLocale = useCallback((siteLocale: string) => (bridge ? bridge.setLocale(siteLocale) : setIdentityLocale(siteLocale)), [bridge]);
    return useMemo(() => ({ setLocale }), [setLocale]);
}
