/**
 * Full-result zips (contract §5 "Zip layout"): one raw provider JSON plus media named by depiction
 * (front.jpg, back.jpg, selfie.jpg, portrait.jpg), only what was captured. No video is produced by the sandbox.
 */
import JSZip from 'jszip';
import { depictionJpeg, ImageCache } from './images';
import type { ProcessRecord } from './store';
import type { Depiction } from './types';

export class Media {
  private readonly images = new ImageCache(300);
  private readonly zips = new Map<string, Uint8Array>();

  /** The picture of one depiction of a process (cached: it never changes). */
  image(p: ProcessRecord, depiction: Depiction): Uint8Array {
    // The chip portrait belongs to the person's document; a selfie to this attempt.
    const key =
      depiction === 'portrait' || depiction === 'front' || depiction === 'back'
        ? `${p.person.key}:${p.person.documentType}:${depiction}`
        : `${p.processId}:${depiction}`;
    return this.images.get(key, () => depictionJpeg(p.person, depiction, p.processId));
  }

  async zip(p: ProcessRecord): Promise<Uint8Array> {
    const hit = this.zips.get(p.processId);
    if (hit) return hit;
    const zip = new JSZip();
    const raw = p.run.rawFile();
    zip.file(raw.name, JSON.stringify(raw.content, null, 2), { compression: 'DEFLATE' });
    for (const depiction of p.run.depictions()) {
      zip.file(`${depiction}.jpg`, this.image(p, depiction), { compression: 'STORE' });
    }
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    this.zips.set(p.processId, bytes);
    if (this.zips.size > 100) {
      const oldest = this.zips.keys().next().value;
      if (oldest !== undefined) this.zips.delete(oldest);
    }
    return bytes;
  }

  clear(): void {
    this.images.clear();
    this.zips.clear();
  }
}
