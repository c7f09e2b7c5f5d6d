import { describe, expect, it } from 'vitest';
import { documentStatus, localeStatuses } from '../../src/contentful/status.js';
import { toEntitySys } from '../../src/contentful/entry-converter.js';
import type { EntitySys, EntryProps } from '../../src/contentful/types.js';
import { recordedItems, recording } from './helpers.js';

const sys = (fields: Partial<EntitySys>): EntitySys => ({ type: 'Entry', id: 'e1', version: 1, ...fields });

describe('documentStatus without fieldStatus (entry-level publishing)', () => {
    it('is added for a draft, published right after publishing, modified after a later save', () => {
        expect(documentStatus(sys({ version: 3 }))).toBe('added');
        expect(documentStatus(sys({ version: 2, publishedVersion: 1 }))).toBe('published');
        expect(documentStatus(sys({ version: 3, publishedVersion: 1 }))).toBe('modified');
    });

    it('is archived when archivedVersion is set, even with unpublished changes', () => {
        expect(documentStatus(sys({ version: 42, archivedVersion: 41 }))).toBe('archived');
        expect(documentStatus(sys({ version: 9, publishedVersion: 2, archivedVersion: 8 }))).toBe('archived');
    });

    it('matches the recorded php collection: 2 published, 3 draft, 1 archived', () => {
        const entries = recordedItems<EntryProps>('php-entries-collection-draft-published-archived.json');
        const statuses = entries.map((entry) => documentStatus(toEntitySys(entry.sys, 'Entry')));
        expect(statuses.filter((status) => status === 'published')).toHaveLength(2);
        expect(statuses.filter((status) => status === 'added')).toHaveLength(3);
        expect(statuses.filter((status) => status === 'archived')).toHaveLength(1);
    });

    it('matches the recorded java collection: 18 published, 2 changed, 3 draft', () => {
        const entries = recordedItems<EntryProps>('java-entries-collection-multi-locale-en-US-en-UK-T123-kt4.json');
        const statuses = entries.map((entry) => documentStatus(toEntitySys(entry.sys, 'Entry')));
        expect(statuses.filter((status) => status === 'published')).toHaveLength(18);
        expect(statuses.filter((status) => status === 'modified')).toHaveLength(2);
        expect(statuses.filter((status) => status === 'added')).toHaveLength(3);
    });
});

describe('documentStatus with fieldStatus (locale-based publishing)', () => {
    it('trusts fieldStatus over the version arithmetic (recorded modern entry: version 12, publishedVersion 7, all published)', () => {
        const entry = recording<EntryProps>('rb-entry-modern-fieldStatus-concepts.json');
        expect(entry.sys.version).toBeGreaterThanOrEqual((entry.sys.publishedVersion ?? 0) + 2);
        expect(documentStatus(toEntitySys(entry.sys, 'Entry'))).toBe('published');
    });

    it('is modified when any locale is changed, added when every locale is draft', () => {
        expect(documentStatus(sys({ version: 5, publishedVersion: 4, fieldStatus: { 'en-US': 'published', fr: 'changed' } }))).toBe('modified');
        expect(documentStatus(sys({ version: 2, fieldStatus: { 'en-US': 'draft', fr: 'draft' } }))).toBe('added');
    });

    it('is modified when a never-published locale sits next to published ones (something is left to publish)', () => {
        expect(documentStatus(sys({ version: 4, publishedVersion: 3, fieldStatus: { 'en-US': 'published', de: 'draft' } }))).toBe('modified');
    });

    it('falls back to the arithmetic for an empty fieldStatus', () => {
        expect(documentStatus(sys({ version: 5, publishedVersion: 2, fieldStatus: {} }))).toBe('modified');
    });
});

describe('localeStatuses', () => {
    it('reads each locale from fieldStatus', () => {
        const statuses = localeStatuses(sys({ version: 6, publishedVersion: 5, fieldStatus: { 'en-US': 'published', fr: 'changed', de: 'draft' } }), ['en-US', 'fr', 'de']);
        expect(statuses).toEqual({ 'en-US': 'published', fr: 'changed', de: 'draft' });
    });

    it('derives every locale from the entry versions when the space reports no fieldStatus', () => {
        expect(localeStatuses(sys({ version: 7, publishedVersion: 3 }), ['en-US', 'fr'])).toEqual({ 'en-US': 'changed', fr: 'changed' });
        expect(localeStatuses(sys({ version: 4, publishedVersion: 3 }), ['en-US'])).toEqual({ 'en-US': 'published' });
        expect(localeStatuses(sys({ version: 1 }), ['en-US'])).toEqual({ 'en-US': 'draft' });
    });

    it('uses the entry-level status for a locale fieldStatus does not name', () => {
        expect(localeStatuses(sys({ version: 2, publishedVersion: 1, fieldStatus: { 'en-US': 'published' } }), ['en-US', 'it'])).toEqual({ 'en-US': 'published', it: 'published' });
    });
});
