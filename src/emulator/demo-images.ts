/**
 * Small, valid image files generated in code for the demo space, so the offline example site shows
 * real pictures without shipping binaries.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_unused, index) => {
    let crc = index;
    for (let bit = 0; bit < 8; bit += 1) {
        crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
    }
    return crc >>> 0;
});

function crc32(bytes: Uint8Array): number {
    let crc = 0xffffffff;
    for (const byte of bytes) {
        crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
    }
    return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
    const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typeAndData));
    return Buffer.concat([length, typeAndData, crc]);
}

/** An RGB colour. */
export type Rgb = [number, number, number];

/**
 * A PNG of `width` × `height`: a vertical gradient from `top` to `bottom` with a lighter diagonal
 * band, so it reads as an image rather than a flat box.
 */
export function gradientPng(width: number, height: number, top: Rgb, bottom: Rgb): Uint8Array {
    const raw = Buffer.alloc((width * 3 + 1) * height);
    for (let y = 0; y < height; y += 1) {
        const rowStart = y * (width * 3 + 1);
        raw[rowStart] = 0; // filter: none
        const t = height > 1 ? y / (height - 1) : 0;
        for (let x = 0; x < width; x += 1) {
            const band = Math.abs(((x + y) % 160) - 80) < 12 ? 40 : 0;
            for (let channel = 0; channel < 3; channel += 1) {
                const value = Math.round(top[channel]! + (bottom[channel]! - top[channel]!) * t) + band;
                raw[rowStart + 1 + x * 3 + channel] = Math.min(255, value);
            }
        }
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header[8] = 8; // bit depth
    header[9] = 2; // colour type: RGB
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return new Uint8Array(Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]));
}

/** An SVG badge (a rounded square with a label). */
export function badgeSvg(size: number, color: string, label: string): Uint8Array {
    const svg =
        `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
        `<rect width="${size}" height="${size}" rx="${Math.round(size / 8)}" fill="${color}"/>` +
        `<text x="50%" y="54%" font-family="sans-serif" font-size="${Math.round(size / 6)}" fill="#fff" text-anchor="middle">${label}</text>` +
        '</svg>';
    return new TextEncoder().encode(svg);
}
