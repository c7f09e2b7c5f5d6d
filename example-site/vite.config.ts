/**
 * Vite configuration of the example site's browser script. Used by `startExampleSite` (dev middleware
 * or build) and by `npx vite build example-site`.
 *
 * The site imports the package's browser entry by its public name; the alias points it at the source
 * so the example runs without building the package first.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

/** The example site's folder (Vite's root). */
export const exampleSiteRoot = fileURLToPath(new URL('.', import.meta.url));
/** The repository root (the package the site imports). */
export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** The client script's entry, relative to the root. */
export const clientEntry = 'src/client.ts';

/** The shared Vite settings. */
export function exampleSiteViteConfig(): UserConfig {
    return {
        root: exampleSiteRoot,
        logLevel: 'warn',
        clearScreen: false,
        resolve: {
            alias: { 'localized-contentful-source/browser': fileURLToPath(new URL('../src/browser/index.ts', import.meta.url)) }
        },
        // The client script has no npm dependencies: nothing to pre-bundle, and no re-optimisation reload.
        optimizeDeps: { noDiscovery: true, include: [] },
        server: { fs: { allow: [repositoryRoot] } },
        build: {
            outDir: 'dist',
            emptyOutDir: true,
            manifest: true,
            rollupOptions: { input: { client: fileURLToPath(new URL(clientEntry, import.meta.url)) } }
        }
    };
}

export default defineConfig(exampleSiteViteConfig());
