/**
 * HTML of the example site (pure string rendering, every value escaped).
 *
 * Rendered content carries the Visual Editor's annotations: `data-sb-object-id` (the Contentful entry
 * or asset id, which is the document id the content source gives the editor) on each document's root,
 * `data-sb-field-path` (the field id) on each field, so a click in the preview opens the right field.
 */
import type { AssetView, PageView, ProductView, SectionView } from './content.js';

export interface LinkView {
    label: string;
    href: string;
    current?: boolean;
}

export interface LanguageLink {
    /** The site locale code (also the `hreflang`). */
    locale: string;
    name: string;
    href: string;
    current: boolean;
    /** Whether this locale has its own translation (else it shows a fallback). */
    translated: boolean;
}

export interface DocumentView {
    /** The locale of the URL (the `lang` of the document). */
    locale: string;
    title: string;
    siteName: string;
    siteConfigId: string | undefined;
    navigation: LinkView[];
    languages: LanguageLink[];
    /** `<link rel="alternate" hreflang>` entries, absolute URLs. */
    alternates: { hreflang: string; href: string }[];
    canonical: string | undefined;
    /** When the content shown is another locale's (object-level fallback). */
    fallback: { requestedName: string; shownLocale: string; shownName: string } | undefined;
    brandColor: string | undefined;
    mainHtml: string;
    /** Module scripts to load (the site's client script). */
    scripts: string[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
    return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** Interface strings of the site, by language subtag; other languages read English. */
const MESSAGES = {
    en: { language: 'Language', untranslated: 'This page is not translated into {requested} yet; showing the {shown} version.', price: 'Price', products: 'Products', notFound: 'Page not found' },
    fr: { language: 'Langue', untranslated: "Cette page n'est pas encore traduite en {requested} ; voici la version en {shown}.", price: 'Prix', products: 'Produits', notFound: 'Page introuvable' },
    de: { language: 'Sprache', untranslated: 'Diese Seite ist noch nicht auf {requested} übersetzt; angezeigt wird die Version auf {shown}.', price: 'Preis', products: 'Produkte', notFound: 'Seite nicht gefunden' }
} as const;

type MessageKey = keyof (typeof MESSAGES)['en'];

/** An interface string in the language of `locale` (`fr-CA` reads French). */
export function message(locale: string, key: MessageKey, values: Record<string, string> = {}): string {
    const language = locale.split('-')[0]?.toLowerCase() ?? '';
    const messages = language in MESSAGES ? MESSAGES[language as keyof typeof MESSAGES] : MESSAGES.en;
    return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function formatPrice(locale: string, price: number): string {
    try {
        return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(price);
    } catch {
        return price.toFixed(2);
    }
}

function paragraphs(text: string): string {
    return text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter((paragraph) => paragraph !== '')
        .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
        .join('\n');
}

function renderImage(asset: AssetView, fieldPath: string, className: string): string {
    const size = asset.width && asset.height ? ` width="${asset.width}" height="${asset.height}"` : '';
    return `<img class="${className}" src="${escapeHtml(asset.url)}" alt="${escapeHtml(asset.title ?? '')}"${size} data-sb-field-path="${fieldPath}" data-asset-id="${escapeHtml(asset.id)}">`;
}

function renderProductCard(product: ProductView, locale: string, href: string | undefined): string {
    const name = escapeHtml(product.name ?? product.sku ?? product.id);
    const title = href ? `<a href="${escapeHtml(href)}">${name}</a>` : name;
    return `<article class="product" data-sb-object-id="${escapeHtml(product.id)}">
  ${product.image ? renderImage(product.image, 'image', 'product-image') : ''}
  <h3 data-sb-field-path="name">${title}</h3>
  ${product.description ? `<div class="description" data-sb-field-path="description">${paragraphs(product.description)}</div>` : ''}
  ${product.price !== undefined ? `<p class="price">${escapeHtml(message(locale, 'price'))}: <span data-sb-field-path="price">${escapeHtml(formatPrice(locale, product.price))}</span></p>` : ''}
</article>`;
}

function renderSection(section: SectionView, locale: string, productHref: (sku: string) => string): string {
    if (section.type === 'product') {
        return renderProductCard(section, locale, section.sku ? productHref(section.sku) : undefined);
    }
    return `<article class="section" data-sb-object-id="${escapeHtml(section.id)}"><h3>${escapeHtml(section.label)}</h3></article>`;
}

/** The `<main>` of an object-level page variant. */
export function renderPageMain(page: PageView, locale: string, productHref: (sku: string) => string): string {
    const sections = page.sections.map((section) => renderSection(section, locale, productHref)).join('\n');
    return `<main data-sb-object-id="${escapeHtml(page.id)}" data-content-locale="${escapeHtml(page.locale)}">
  <h1 data-sb-field-path="title">${escapeHtml(page.title)}</h1>
  ${page.hero ? renderImage(page.hero, 'hero', 'hero') : ''}
  ${page.body ? `<div class="body" data-sb-field-path="body">${paragraphs(page.body)}</div>` : ''}
  ${page.sections.length > 0 ? `<section class="sections" data-sb-field-path="sections">\n${sections}\n</section>` : ''}
</main>`;
}

/** The `<main>` of a field-level product page. */
export function renderProductMain(product: ProductView, locale: string): string {
    return `<main class="product-page">\n${renderProductCard(product, locale, undefined)}\n</main>`;
}

/** The `<main>` of the 404 page. */
export function renderNotFoundMain(locale: string, detail: string): string {
    return `<main class="not-found"><h1>${escapeHtml(message(locale, 'notFound'))}</h1><p>${escapeHtml(detail)}</p></main>`;
}

function renderLanguageSwitcher(view: DocumentView): string {
    const items = view.languages
        .map(
            (language) =>
                `<li><a href="${escapeHtml(language.href)}" hreflang="${escapeHtml(language.locale)}" lang="${escapeHtml(language.locale)}" data-switch-locale="${escapeHtml(language.locale)}"${language.current ? ' aria-current="true"' : ''}${language.translated ? '' : ' data-fallback="true"'}>${escapeHtml(language.name)}</a></li>`
        )
        .join('');
    return `<nav class="languages" aria-label="${escapeHtml(message(view.locale, 'language'))}"><ul>${items}</ul></nav>`;
}

/** The whole HTML document. */
export function renderDocument(view: DocumentView): string {
    const head = [
        `<meta charset="utf-8">`,
        `<meta name="viewport" content="width=device-width, initial-scale=1">`,
        `<title>${escapeHtml(view.title ? `${view.title} · ${view.siteName}` : view.siteName)}</title>`,
        ...view.alternates.map((alternate) => `<link rel="alternate" hreflang="${escapeHtml(alternate.hreflang)}" href="${escapeHtml(alternate.href)}">`),
        view.canonical ? `<link rel="canonical" href="${escapeHtml(view.canonical)}">` : '',
        `<style>${STYLES}</style>`,
        ...view.scripts.map((src) => `<script type="module" src="${escapeHtml(src)}"></script>`)
    ].filter((line) => line !== '');
    const navigation = view.navigation
        .map((link) => `<li><a href="${escapeHtml(link.href)}"${link.current ? ' aria-current="page"' : ''}>${escapeHtml(link.label)}</a></li>`)
        .join('');
    const notice = view.fallback
        ? `<p class="fallback-notice" role="note" data-fallback-locale="${escapeHtml(view.fallback.shownLocale)}">${escapeHtml(
              message(view.locale, 'untranslated', { requested: view.fallback.requestedName, shown: view.fallback.shownName })
          )}</p>`
        : '';
    const brand = view.brandColor && /^#[0-9a-f]{3,8}$/i.test(view.brandColor) ? ` style="--brand: ${view.brandColor}"` : '';
    return `<!doctype html>
<html lang="${escapeHtml(view.locale)}" data-locale="${escapeHtml(view.locale)}">
<head>
${head.join('\n')}
</head>
<body${brand}>
<header>
  <div class="site-name"${view.siteConfigId ? ` data-sb-object-id="${escapeHtml(view.siteConfigId)}"` : ''}><a href="/${escapeHtml(view.locale)}/"${view.siteConfigId ? ' data-sb-field-path="siteName"' : ''}>${escapeHtml(view.siteName)}</a></div>
  <nav class="navigation"${view.siteConfigId ? ` data-sb-object-id="${escapeHtml(view.siteConfigId)}"` : ''}><ul${view.siteConfigId ? ' data-sb-field-path="navigation"' : ''}>${navigation}</ul></nav>
  ${renderLanguageSwitcher(view)}
</header>
${notice}
${view.mainHtml}
</body>
</html>
`;
}

const STYLES = `
:root { --brand: #2f6f4f; font-family: system-ui, sans-serif; color: #1d1d1f; }
body { margin: 0 auto; max-width: 56rem; padding: 1.5rem; }
header { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: center; border-bottom: 3px solid var(--brand); padding-bottom: 1rem; }
header ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
.site-name a { font-weight: 700; font-size: 1.25rem; color: var(--brand); text-decoration: none; }
.languages { margin-left: auto; }
.languages a[aria-current] { font-weight: 700; text-decoration: none; color: var(--brand); }
.languages a[data-fallback] { font-style: italic; }
.fallback-notice { background: #fff6d6; border: 1px solid #e6c200; padding: 0.5rem 0.75rem; border-radius: 4px; }
h1 { color: var(--brand); }
.hero { display: block; max-width: 100%; height: auto; margin: 1rem 0; background: #eee; }
.sections { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1rem; }
.product, .section { border: 1px solid #ddd; border-radius: 6px; padding: 1rem; }
.product-image { max-width: 100%; height: auto; }
`;
