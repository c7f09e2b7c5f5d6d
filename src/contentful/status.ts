/**
 * Publishing status of a Contentful entry or asset, from its `sys` (pure).
 *
 * Contentful bumps `version` by one on every save and on publish, and sets
 * `publishedVersion = <version sent>` on publish. So with entry-level publishing:
 * no `publishedVersion` = draft, `version == publishedVersion + 1` = published,
 * `version >= publishedVersion + 2` = changed since the last publish.
 *
 * Spaces with locale-based publishing also report `sys.fieldStatus['*']` per locale; when present
 * it is authoritative, because a locale-only publish moves `version` without publishing every
 * locale (and the recorded modern entry shows version 12 vs publishedVersion 7 with every locale
 * `published`, which the arithmetic would call "changed").
 */
import type { DocumentStatus } from '@stackbit/types';
import type { EntitySys, LocaleStatus } from './types.js';

/**
 * The Stackbit document status of an entry or asset.
 *
 * - `archived` when `archivedVersion` is set;
 * - with `fieldStatus`: any locale `changed` → `modified`; every locale `draft` → `added`;
 *   published locales next to never-published (`draft`) ones → `modified` (there is unpublished
 *   content to publish); every locale `published` → `published`;
 * - without it: no `publishedVersion` → `added`; `version >= publishedVersion + 2` → `modified`;
 *   otherwise `published`.
 */
export function documentStatus(sys: EntitySys): DocumentStatus {
    if (sys.archivedVersion) {
        return 'archived';
    }
    const fieldStatus = sys.fieldStatus;
    if (fieldStatus) {
        let published = 0;
        let draft = 0;
        for (const code in fieldStatus) {
            const status = fieldStatus[code];
            if (status === 'changed') {
                return 'modified';
            }
            if (status === 'published') {
                published++;
            } else if (status === 'draft') {
                draft++;
            }
        }
        if (published > 0 || draft > 0) {
            if (published === 0) {
                return 'added';
            }
            return draft > 0 ? 'modified' : 'published';
        }
        // An empty fieldStatus says nothing: fall through to the version arithmetic.
    }
    const status = entityLevelStatus(sys);
    return status === 'draft' ? 'added' : status === 'changed' ? 'modified' : 'published';
}

/**
 * Per-locale publishing status for the given locale codes: `sys.fieldStatus['*'][code]` when the
 * space reports it for that locale, otherwise the entity-level status derived from the versions
 * (entry-level publishing publishes every locale together).
 */
export function localeStatuses(sys: EntitySys, locales: readonly string[]): Record<string, LocaleStatus> {
    const result: Record<string, LocaleStatus> = {};
    const fallback = entityLevelStatus(sys);
    for (const code of locales) {
        result[code] = sys.fieldStatus?.[code] ?? fallback;
    }
    return result;
}

/** The whole-entity status from `version` / `publishedVersion` alone. */
function entityLevelStatus(sys: EntitySys): LocaleStatus {
    if (!sys.publishedVersion) {
        return 'draft';
    }
    return sys.version >= sys.publishedVersion + 2 ? 'changed' : 'published';
}
