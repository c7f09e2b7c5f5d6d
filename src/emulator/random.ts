/**
 * Deterministic randomness: a seeded PRNG (mulberry32) and Contentful-looking ids built on it, so a
 * test run with the same seed sees the same ids and the same injected faults.
 */

/** A seeded generator of floats in [0, 1). */
export type Random = () => number;

/** mulberry32: tiny, fast, good enough for ids and fault dice; deterministic per seed. */
export function seededRandom(seed: number): Random {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A generator of 22-character base62 ids, the length Contentful uses for entity ids. */
export function idGenerator(random: Random): () => string {
    return () => {
        let id = '';
        for (let i = 0; i < 22; i += 1) {
            id += BASE62[Math.floor(random() * 62)];
        }
        return id;
    };
}

/** A generator of 32-character hex strings (request ids). */
export function hexGenerator(random: Random): () => string {
    return () => {
        let hex = '';
        for (let i = 0; i < 32; i += 1) {
            hex += Math.floor(random() * 16).toString(16);
        }
        return hex;
    };
}
