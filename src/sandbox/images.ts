/**
 * Synthetic pictures (brief §7): real baseline JPEGs drawn in code with jpeg-js, no external assets.
 * A face (skin-tone oval, hair, eyes, mouth) whose look varies per person; the selfie and the chip portrait of
 * one person look alike but differ in background, framing and lighting. Documents are cards with coloured
 * bands, a photo box and line blocks. Pictures are cached per process (they never change once made).
 */
import jpeg from 'jpeg-js';
import { Rng, hashString } from './prng';
import type { Depiction, FaceLook, Person } from './types';

type Rgb = [number, number, number];

export const FACE_WIDTH = 300;
export const FACE_HEIGHT = 380;
export const CARD_WIDTH = 640;
export const CARD_HEIGHT = 400;

const clamp = (n: number): number => (n < 0 ? 0 : n > 255 ? 255 : n);
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
];
const scale = (c: Rgb, f: number): Rgb => [c[0] * f, c[1] * f, c[2] * f];
const inEllipse = (x: number, y: number, cx: number, cy: number, rx: number, ry: number): number =>
  ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;

/** Framing and light of one shot of a face. */
interface Shot {
  cx: number; // face centre, fraction of width
  cy: number; // fraction of height
  zoom: number;
  backdrop: Rgb;
  backdrop2: Rgb; // gradient end (selfie: a room, portrait: flat)
  light: number; // -1 (from the left) .. 1 (from the right); 0 = even
  warmth: number; // colour cast
  smile: number;
}

function portraitShot(look: FaceLook): Shot {
  return {
    cx: 0.5,
    cy: 0.45,
    zoom: 1,
    backdrop: look.backdrop,
    backdrop2: look.backdrop,
    light: 0,
    warmth: 0,
    smile: 0,
  };
}

function selfieShot(look: FaceLook, key: string): Shot {
  const rng = new Rng(`selfie:${key}`);
  const room: Rgb[] = [
    [120, 110, 100],
    [90, 110, 130],
    [150, 140, 120],
    [70, 80, 70],
    [160, 150, 160],
  ];
  const base = rng.pick(room);
  return {
    cx: 0.5 + rng.float(-0.05, 0.05),
    cy: 0.47 + rng.float(-0.03, 0.04),
    zoom: rng.float(1.02, 1.12),
    backdrop: base,
    backdrop2: mix(base, [235, 230, 220], 0.5),
    light: rng.float(-0.8, 0.8),
    warmth: rng.float(-10, 18),
    smile: rng.float(0.3, 1),
  };
  void look;
}

/** Colour of the face picture at (u, v) in [0,1]² (u across, v down), for the given look and shot. */
function faceColorAt(look: FaceLook, shot: Shot, u: number, v: number, aspect: number): Rgb {
  // Work in a square-ish space: x scaled so that ellipses are not squashed by the 300×380 aspect.
  const x = u * aspect;
  const y = v;
  const cx = shot.cx * aspect;
  const cy = shot.cy;
  const rx = look.faceWidth * aspect * shot.zoom * 0.95;
  const ry = look.faceHeight * shot.zoom * 0.95;
  const skinShade = (d: number): Rgb => scale(look.skin, 1 - 0.18 * d);

  // Background (flat for a passport photo, a gradient "room" for a selfie).
  let c: Rgb = mix(shot.backdrop, shot.backdrop2, v);

  // Long hair falls behind the head and shoulders.
  if (look.hairStyle === 'long') {
    const dx = Math.abs(x - cx);
    if (dx < rx * 1.3 && y > cy - ry * 0.8 && y < cy + ry * 1.35) c = scale(look.hair, 0.85);
  }
  // Shoulders and clothes.
  if (inEllipse(x, y, cx, cy + ry * 2.35, rx * 2.3, ry * 1.25) <= 1)
    c = mix(look.clothes, [0, 0, 0], Math.max(0, v - 0.8));
  // Neck.
  if (Math.abs(x - cx) < rx * 0.42 && y > cy + ry * 0.6 && y < cy + ry * 1.3) c = scale(look.skin, 0.82);
  // Ears.
  if (
    inEllipse(x, y, cx - rx, cy + ry * 0.02, rx * 0.16, ry * 0.2) <= 1 ||
    inEllipse(x, y, cx + rx, cy + ry * 0.02, rx * 0.16, ry * 0.2) <= 1
  ) {
    c = scale(look.skin, 0.9);
  }
  // Face oval, darker towards its edge.
  const face = inEllipse(x, y, cx, cy, rx, ry);
  if (face <= 1) {
    c = skinShade(face);
    // Hair on top of the head.
    if (look.hairStyle !== 'bald') {
      const hairline = cy - ry * 0.45 + Math.sin(((x - cx) / rx) * 3) * ry * 0.04;
      if (y < hairline) c = look.hair;
    }
    // Eyebrows, eyes (white, iris, pupil).
    for (const side of [-1, 1]) {
      const ex = cx + side * rx * 0.38;
      const ey = cy - ry * 0.1;
      if (inEllipse(x, y, ex, ey - ry * 0.12, rx * 0.2, ry * 0.03) <= 1) c = scale(look.hair, 0.8);
      const eye = inEllipse(x, y, ex, ey, rx * 0.17, ry * 0.065);
      if (eye <= 1) {
        c = [240, 240, 236];
        const r = Math.hypot(x - ex, y - ey);
        if (r < ry * 0.055) c = look.eyes;
        if (r < ry * 0.025) c = [15, 15, 18];
      }
      if (look.glasses) {
        const g = inEllipse(x, y, ex, ey, rx * 0.27, ry * 0.12);
        if (g > 0.82 && g <= 1) c = [30, 30, 35];
      }
    }
    if (look.glasses && Math.abs(y - (cy - ry * 0.1)) < ry * 0.012 && Math.abs(x - cx) < rx * 0.12)
      c = [30, 30, 35];
    // Nose shadow.
    if (inEllipse(x, y, cx + rx * 0.03, cy + ry * 0.2, rx * 0.09, ry * 0.13) <= 1) c = scale(c, 0.9);
    // Beard.
    if (look.beard && y > cy + ry * 0.35 && face > 0.25) c = mix(c, look.hair, 0.8);
    // Mouth (a smile widens it a little in selfies).
    if (
      inEllipse(
        x,
        y,
        cx,
        cy + ry * 0.52,
        rx * (0.28 + 0.06 * shot.smile),
        ry * (0.055 + 0.02 * shot.smile),
      ) <= 1
    )
      c = look.lips;
  }
  // Bun on top.
  if (look.hairStyle === 'bun' && inEllipse(x, y, cx, cy - ry * 1.05, rx * 0.38, ry * 0.22) <= 1)
    c = look.hair;
  // Short hair slightly wider than the head above the forehead.
  if (
    look.hairStyle !== 'bald' &&
    face > 1 &&
    inEllipse(x, y, cx, cy - ry * 0.12, rx * 1.08, ry * 0.98) <= 1 &&
    y < cy - ry * 0.3
  )
    c = look.hair;

  // Lighting and colour cast (selfies only).
  if (shot.light !== 0 || shot.warmth !== 0) {
    const f = 1 + shot.light * (u - 0.5) * 0.5;
    c = [c[0] * f + shot.warmth, c[1] * f + shot.warmth * 0.4, c[2] * f - shot.warmth * 0.3];
  }
  return c;
}

function encode(
  width: number,
  height: number,
  pixel: (x: number, y: number) => Rgb,
  quality = 78,
): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  let i = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = pixel(x, y);
      data[i++] = clamp(c[0]);
      data[i++] = clamp(c[1]);
      data[i++] = clamp(c[2]);
      data[i++] = 255;
    }
  }
  return new Uint8Array(jpeg.encode({ width, height, data }, quality).data);
}

/** A face picture: the chip portrait (passport-photo framing) or a selfie of the same person. */
export function faceJpeg(look: FaceLook, variant: 'portrait' | 'selfie', key: string): Uint8Array {
  const shot = variant === 'portrait' ? portraitShot(look) : selfieShot(look, key);
  const aspect = FACE_WIDTH / FACE_HEIGHT;
  return encode(FACE_WIDTH, FACE_HEIGHT, (x, y) =>
    faceColorAt(look, shot, x / FACE_WIDTH, y / FACE_HEIGHT, aspect),
  );
}

/** One colour per issuing country, so cards from different countries look different. */
function countryColor(country: string): Rgb {
  const h = hashString(`card:${country}`);
  return [90 + (h & 0x7f), 90 + ((h >> 8) & 0x7f), 110 + ((h >> 16) & 0x7f)];
}

interface Block {
  x: number;
  y: number;
  w: number;
  h: number;
  color: Rgb;
}

/** A document side: card with a coloured band, photo box (front), line blocks, MRZ band, barcode (back). */
export function documentJpeg(person: Person, side: 'front' | 'back'): Uint8Array {
  const rng = new Rng(`card:${person.key}:${side}`);
  const base = countryColor(person.issuingCountry);
  const paper = mix(base, [245, 245, 240], 0.78);
  const band = scale(base, 0.8);
  const ink: Rgb = [35, 35, 45];
  const label: Rgb = mix(base, [120, 120, 130], 0.6);
  const margin = 14;
  const radius = 26;
  const blocks: Block[] = [];
  const look = person.look;
  const photo = { x: 40, y: 92, w: 170, h: 215 };
  const passport = person.documentType === 'passport';
  const mrzLines = passport ? 2 : 3;

  if (side === 'front') {
    // Title band text.
    blocks.push({ x: 40, y: 28, w: rng.int(220, 320), h: 16, color: [250, 250, 250] });
    blocks.push({ x: 520, y: 26, w: 80, h: 20, color: [250, 250, 250] });
    // Field lines: a small label, then a value.
    const rows = passport ? 6 : 7;
    for (let r = 0; r < rows; r++) {
      const y = 96 + r * 32;
      blocks.push({ x: 236, y, w: rng.int(50, 110), h: 7, color: label });
      blocks.push({ x: 236, y: y + 11, w: rng.int(90, 300), h: 12, color: ink });
    }
  } else {
    // Barcode and text lines on the back.
    let bx = 40;
    while (bx < 300) {
      const w = rng.int(2, 6);
      if (rng.bool(0.55)) blocks.push({ x: bx, y: 40, w, h: 80, color: ink });
      bx += w + rng.int(1, 3);
    }
    for (let r = 0; r < 4; r++) {
      blocks.push({ x: 40, y: 146 + r * 26, w: rng.int(60, 100), h: 7, color: label });
      blocks.push({ x: 40, y: 157 + r * 26, w: rng.int(160, 420), h: 10, color: ink });
    }
    if (!passport) blocks.push({ x: 500, y: 60, w: 70, h: 56, color: [212, 175, 80] }); // chip
  }
  // MRZ band: on the front of a passport, the back of a card.
  if ((side === 'front') === passport) {
    for (let l = 0; l < mrzLines; l++) {
      const y = CARD_HEIGHT - margin - 22 - (mrzLines - l) * 24;
      for (let ch = 0; ch < 30; ch++) {
        if (rng.bool(0.85)) blocks.push({ x: 40 + ch * 18, y, w: 12, h: 15, color: ink });
      }
    }
  }
  const signatureY = passport ? 296 : 330;
  const aspect = photo.w / photo.h;
  const shot = portraitShot(look);

  return encode(CARD_WIDTH, CARD_HEIGHT, (x, y) => {
    // Table behind the card, rounded corners.
    const inX = x >= margin && x < CARD_WIDTH - margin;
    const inY = y >= margin && y < CARD_HEIGHT - margin;
    if (!inX || !inY) return [60, 62, 66];
    const cxr =
      x < margin + radius
        ? margin + radius
        : x > CARD_WIDTH - margin - radius
          ? CARD_WIDTH - margin - radius
          : x;
    const cyr =
      y < margin + radius
        ? margin + radius
        : y > CARD_HEIGHT - margin - radius
          ? CARD_HEIGHT - margin - radius
          : y;
    if (Math.hypot(x - cxr, y - cyr) > radius) return [60, 62, 66];

    // Paper with a faint guilloche.
    let c: Rgb = mix(paper, base, 0.08 + 0.06 * Math.sin(x / 23 + Math.sin(y / 31) * 2));
    if (y < 72) c = band;
    if (side === 'front' && x >= photo.x && x < photo.x + photo.w && y >= photo.y && y < photo.y + photo.h) {
      const f = faceColorAt(look, shot, (x - photo.x) / photo.w, (y - photo.y) / photo.h, aspect);
      const grey = (f[0] + f[1] + f[2]) / 3;
      return mix(f, [grey, grey, grey], 0.25);
    }
    for (const b of blocks) {
      if (x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h) return b.color;
    }
    // Signature squiggle (front).
    if (
      side === 'front' &&
      x > 240 &&
      x < 420 &&
      Math.abs(y - (signatureY + Math.sin(x / 9) * 8 + Math.sin(x / 23) * 6)) < 1.6
    )
      return [20, 30, 110];
    return c;
  });
}

/** Picture of a depiction for one process (brief §7); the chip portrait is the person's, the selfie the process's. */
export function depictionJpeg(person: Person, depiction: Depiction, processKey: string): Uint8Array {
  switch (depiction) {
    case 'portrait':
      return faceJpeg(person.look, 'portrait', person.key);
    case 'selfie':
      return faceJpeg(person.look, 'selfie', processKey);
    case 'front':
    case 'back':
      return documentJpeg(person, depiction);
  }
}

/** Small LRU of encoded pictures, keyed by process and depiction. */
export class ImageCache {
  private readonly entries = new Map<string, Uint8Array>();

  constructor(private readonly max = 300) {}

  get(key: string, make: () => Uint8Array): Uint8Array {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = make();
    this.entries.set(key, value);
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
