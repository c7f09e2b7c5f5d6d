// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createLocaleBridge, type LocaleChangeHandler } from '../../src/browser/index.js';
import { useEditorLocale, type EditorLocaleControls } from '../../src/browser/react.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type EditorWindow = Window & { stackbit?: { setLocale?: (locale: string) => void } };

let root: Root;
let container: HTMLElement;
let controls: EditorLocaleControls | undefined;
let editorSetLocale: ReturnType<typeof vi.fn<(locale: string) => void>>;

function Probe(props: { onChange: LocaleChangeHandler; bridge?: ReturnType<typeof createLocaleBridge> }): null {
    controls = useEditorLocale(props.onChange, props.bridge);
    return null;
}

function render(props: Parameters<typeof Probe>[0]): void {
    act(() => root.render(createElement(Probe, props)));
}

function editorSwitchesTo(locale: string): void {
    act(() => {
        window.dispatchEvent(new CustomEvent('stackbitLocaleChanged', { detail: { locale } }));
    });
}

beforeEach(() => {
    editorSetLocale = vi.fn<(locale: string) => void>();
    (window as EditorWindow).stackbit = { setLocale: editorSetLocale };
    container = document.createElement('div');
    root = createRoot(container);
});

afterEach(() => {
    act(() => root.unmount());
    delete (window as EditorWindow).stackbit;
    controls = undefined;
});

describe('useEditorLocale', () => {
    it('calls the latest handler for editor changes, once per event, and stops after unmount', () => {
        const first = vi.fn();
        const second = vi.fn();
        render({ onChange: first });
        editorSwitchesTo('de');
        render({ onChange: second }); // a new handler on re-render: no second subscription
        editorSwitchesTo('fr');
        expect(first.mock.calls.map(([change]) => change.locale)).toEqual(['de']);
        expect(second.mock.calls.map(([change]) => change.locale)).toEqual(['fr']);

        act(() => root.unmount());
        root = createRoot(container);
        editorSwitchesTo('de');
        expect(second).toHaveBeenCalledTimes(1);
    });

    it('setLocale tells the editor once and its echo does not reach the handler', () => {
        const onChange = vi.fn();
        render({ onChange });
        act(() => controls?.setLocale('fr'));
        editorSwitchesTo('fr');
        expect(editorSetLocale).toHaveBeenCalledExactlyOnceWith('fr');
        expect(onChange).not.toHaveBeenCalled();
    });

    it('uses the bridge mapping when given one', () => {
        const onChange = vi.fn();
        const bridge = createLocaleBridge({ editorToSite: { 'fr-FR': 'fr' } });
        render({ onChange, bridge });
        act(() => controls?.setLocale('fr'));
        expect(editorSetLocale).toHaveBeenCalledExactlyOnceWith('fr-FR');
        editorSwitchesTo('fr-FR'); // echo
        editorSwitchesTo('de');
        editorSwitchesTo('fr-FR');
        expect(onChange.mock.calls.map(([change]) => [change.locale, change.editorLocale])).toEqual([
            ['de', 'de'],
            ['fr', 'fr-FR']
        ]);
    });
});
