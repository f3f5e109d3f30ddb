import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { iconPng, iconSpecs, renderIcon } from './icons';
import { webAppManifest } from './manifest';

describe('app icons', () => {
  it('are PNGs of the declared size', () => {
    for (const spec of iconSpecs) {
      const png = iconPng(spec);
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(spec.size);
      expect(png.readUInt32BE(20)).toBe(spec.size);
      // The image data inflates to one filter byte plus 4 bytes per pixel per row.
      const idatLength = png.readUInt32BE(33);
      expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
      expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe(spec.size * (1 + spec.size * 4));
    }
  });

  it('maskable: opaque to the corners, and the white door inside the central 80 % safe circle', () => {
    const size = 192;
    const pixels = renderIcon({ size, purpose: 'maskable' });
    const at = (x: number, y: number) => pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4);
    expect(at(0, 0)[3]).toBe(255);
    expect(at(size - 1, size - 1)[3]).toBe(255);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const white = at(x, y)[0] === 255 && at(x, y)[1] === 255;
        if (white) expect(Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2)).toBeLessThan(0.4 * size);
      }
    }
  });

  it('the manifests name the app in each language and offer "any" and "maskable" icons', () => {
    for (const language of ['de', 'en'] as const) {
      const manifest = webAppManifest(language) as { lang: string; display: string; icons: { purpose: string; sizes: string }[] };
      expect(manifest.lang).toBe(language);
      expect(manifest.display).toBe('standalone');
      expect(manifest.icons.map((icon) => `${icon.purpose} ${icon.sizes}`)).toEqual(
        expect.arrayContaining(['any 192x192', 'any 512x512', 'maskable 192x192', 'maskable 512x512']),
      );
    }
  });
});
