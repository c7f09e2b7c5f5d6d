/**
 * The example site's browser script: keeps the page and the Visual Editor's locale switcher in step,
 * through the package's browser entry.
 *
 * - The editor switches locale → the page navigates to the same content in that locale (the language
 *   switcher's link for it, which already points at the translation or its fallback).
 * - A visitor picks a language in the page's switcher → the page tells the editor once (`setLocale`)
 *   and navigates. The editor's echo is swallowed by the entry, and, should it arrive after the next
 *   page has loaded, that page is already in the echoed locale, so nothing moves.
 */
import { onLocaleChange, setLocale } from 'localized-contentful-source/browser';

const pageLocale = document.documentElement.dataset.locale;

function switcherLinks(): HTMLAnchorElement[] {
    return [...document.querySelectorAll<HTMLAnchorElement>('a[data-switch-locale]')];
}

function urlForLocale(locale: string): string | undefined {
    return switcherLinks().find((link) => link.dataset.switchLocale === locale)?.href;
}

onLocaleChange(({ locale }) => {
    if (locale === pageLocale) {
        return;
    }
    const url = urlForLocale(locale);
    if (url) {
        window.location.assign(url);
    }
});

for (const link of switcherLinks()) {
    link.addEventListener('click', (event) => {
        const locale = link.dataset.switchLocale;
        // Let the browser handle new-tab clicks; only a plain click changes this page's locale.
        if (!locale || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
            return;
        }
        event.preventDefault();
        if (locale !== pageLocale) {
            setLocale(locale);
        }
        window.location.assign(link.href);
    });
}
