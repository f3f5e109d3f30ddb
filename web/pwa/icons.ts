import { encodePng } from './png';

/**
 * The app icon — a door (the consulting room) with its handle — drawn from one geometry as SVG
 * (favicon) and as PNGs (the sizes a web app manifest and iOS need). Coordinates are in a 32×32
 * box like web/public/favicon.svg; no image library is needed to build the app.
 */
export const brand = { primary: '#0a5c61', background: '#ffffff' } as const;

const door = { x: 9, y: 5, width: 14, height: 22, radius: 2.5 };
const handle = { cx: 19, cy: 16, r: 1.8 };

export interface IconSpec {
  size: number;
  /** Maskable icons fill the square with colour and keep the door inside the central safe circle (80 %). */
  purpose: 'any' | 'maskable';
}

export const iconSpecs: readonly IconSpec[] = [
  { size: 192, purpose: 'any' },
  { size: 512, purpose: 'any' },
  { size: 192, purpose: 'maskable' },
  { size: 512, purpose: 'maskable' },
  { size: 180, purpose: 'any' },
];

export function iconFileName(spec: IconSpec): string {
  return spec.size === 180 ? 'apple-touch-icon.png' : `icon-${spec.purpose}-${spec.size}.png`;
}

type Rgb = readonly [number, number, number];

function rgb(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Signed distance to a rounded rectangle (negative inside). */
function roundedRect(px: number, py: number, x: number, y: number, w: number, h: number, r: number): number {
  const qx = Math.abs(px - (x + w / 2)) - (w / 2 - r);
  const qy = Math.abs(py - (y + h / 2)) - (h / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** The colour at a point of the 32×32 box, or undefined outside the icon's shape. */
function paint(px: number, py: number, purpose: IconSpec['purpose']): Rgb | undefined {
  const primary = rgb(brand.primary);
  const white = rgb(brand.background);
  // "any": a teal tile with rounded corners; "maskable": the whole square (the platform cuts the shape).
  const tile = purpose === 'maskable' ? -1 : roundedRect(px, py, 0, 0, 32, 32, 6);
  if (tile > 0) return undefined;
  // Maskable: shrink the door towards the centre so that it stays within the 80 % safe circle.
  const scale = purpose === 'maskable' ? 0.72 : 1;
  const sx = 16 + (px - 16) / scale;
  const sy = 16 + (py - 16) / scale;
  if (Math.hypot(sx - handle.cx, sy - handle.cy) <= handle.r) return primary;
  const inner = roundedRect(sx, sy, door.x, door.y, door.width, door.height, door.radius);
  if (inner <= 0) return white;
  return primary;
}

/** RGBA pixels of one icon, 4×4 supersampled so that the edges are smooth. */
export function renderIcon(spec: IconSpec): Uint8Array {
  const { size } = spec;
  const samples = 4;
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = paint(((x + (sx + 0.5) / samples) * 32) / size, ((y + (sy + 0.5) / samples) * 32) / size, spec.purpose);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const at = (y * size + x) * 4;
      if (covered === 0) continue;
      pixels[at] = Math.round(r / covered);
      pixels[at + 1] = Math.round(g / covered);
      pixels[at + 2] = Math.round(b / covered);
      pixels[at + 3] = Math.round((covered / (samples * samples)) * 255);
    }
  }
  return pixels;
}

export function iconPng(spec: IconSpec): Buffer {
  return encodePng(spec.size, spec.size, renderIcon(spec));
}
