/**
 * Shapes of the `stackbit dev` local API answers the devserver tests read (from @stackbit/dev's
 * api-methods, trimmed to the fields asserted), and the users the Visual Editor sends.
 */
import type { Document } from '@stackbit/types';

/** `getSchema`: the engine's locales per source, and models per source type and project. */
export interface SchemaResult {
    locales: { srcType: string; srcProjectId: string; locales: string[]; defaultLocale?: string }[];
    schema: Record<string, Record<string, Record<string, { name: string; type: string }>>>;
    /** Presets offered in the requested locale, by id. */
    presets: Record<string, { label: string; modelName: string; locale?: string }>;
}

/** `getCSIDocuments`: the content source's own documents. */
export interface CSIDocumentsResult {
    total: number;
    documents: Document[];
}

/** `getCollections`: what the content panel lists for a locale. */
export interface CollectionsResult {
    collections: { srcType: string; srcProjectId: string; srcModelName: string; objects: { srcObjectId: string; locale?: string; hidden?: boolean; status?: string }[] }[];
}

/**
 * A user as the Visual Editor sends it in a request body: the engine user with a Contentful
 * connection (its access token becomes the adapter's `userContext.accessToken`).
 */
export function editorUser(email: string, extra: { role?: string; name?: string } = {}) {
    return {
        id: email,
        name: extra.name ?? email.split('@')[0]!,
        email,
        ...(extra.role ? { role: extra.role } : {}),
        connections: [{ type: 'contentful', accessToken: `token-of-${email}` }]
    };
}

/** Why `stackbit dev` cannot start here (its CLI is not installed), or undefined when it can. */
export function findCliProblem(cliPath: () => string): string | undefined {
    try {
        cliPath();
        return undefined;
    } catch (error) {
        return `@stackbit/cli is not installed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
}
