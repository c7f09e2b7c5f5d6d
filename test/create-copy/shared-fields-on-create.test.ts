/**
 * The pure rule behind "a new variant agrees with its group on shared fields" (SPEC §4 applied to
 * create): withSharedFieldsFrom.
 */
import { describe, expect, it } from 'vitest';
import { withSharedFieldsFrom } from '../../src/localization/shared-fields.js';

describe('withSharedFieldsFrom', () => {
    const given = { title: { 'en-US': 'Über uns' }, brandColor: { 'en-US': '#000000' }, tagline: { 'en-US': 'Kaffee' } };

    it('replaces the given shared values with the master\'s and drops those the master lacks, without touching the input', () => {
        const master = { title: { 'en-US': 'About us' }, brandColor: { 'en-US': '#8a4b2a' } };
        const result = withSharedFieldsFrom(given, master, ['brandColor', 'tagline']);
        expect(result).toEqual({ title: { 'en-US': 'Über uns' }, brandColor: { 'en-US': '#8a4b2a' } });
        expect(given.brandColor).toEqual({ 'en-US': '#000000' });
        // A copy, not the master's own object: a later edit of the variant cannot change the master.
        expect(result.brandColor).not.toBe(master.brandColor);
    });

    it('keeps the given values when there is no master or no shared field', () => {
        expect(withSharedFieldsFrom(given, undefined, ['brandColor'])).toEqual(given);
        expect(withSharedFieldsFrom(given, { brandColor: { 'en-US': '#8a4b2a' } }, [])).toEqual(given);
    });
});
