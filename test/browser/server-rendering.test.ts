// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import * as entry from '../../src/browser/index.js';
import { useEditorLocale } from '../../src/browser/react.js';

describe('the browser entry in plain Node (server rendering: no window)', () => {
    it('imports without a window and every function is a harmless no-op', () => {
        expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
        expect(entry.isInVisualEditor()).toBe(false);
        expect(() => entry.setLocale('fr')).not.toThrow();
        const unsubscribe = entry.onLocaleChange(() => undefined);
        expect(typeof unsubscribe).toBe('function');
        expect(() => unsubscribe()).not.toThrow();

        const bridge = entry.createLocaleBridge({ editorToSite: { 'fr-FR': 'fr' } });
        expect(() => bridge.setLocale('fr')).not.toThrow();
        const unsubscribeBridge = bridge.onLocaleChange(() => undefined);
        expect(() => unsubscribeBridge()).not.toThrow();
        expect(bridge.toEditorLocale('fr')).toBe('fr-FR');
        expect(bridge.toSiteLocale('fr-FR')).toBe('fr');
    });

    it('a component using useEditorLocale renders on the server without calling its handler', () => {
        const onChange = vi.fn();
        function LanguagePicker(): ReturnType<typeof createElement> {
            const { setLocale } = useEditorLocale(onChange);
            return createElement('button', { onClick: () => setLocale('fr') }, 'Français');
        }
        expect(renderToString(createElement(LanguagePicker))).toContain('Français');
        expect(onChange).not.toHaveBeenCalled();
    });
});
