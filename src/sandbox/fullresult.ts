/**
 * Full-result zips (contract §5 "Zip layout"): one raw provider JSON plus media named by depiction
 * (front.jpg, back.jpg, selfie.jpg, portrait.jpg), only what was captured, and `video.mp4` for a recorded session
 * (Signicat VideoID): a short H.264 test-card clip, the same for every recording.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { depictionJpeg, ImageCache } from './images';
import type { ProcessRecord } from './store';
import type { Depiction } from './types';

let recording: Uint8Array | undefined;
/** The sandbox's recording (3 s, 320×240, H.264 baseline; made once with ffmpeg's testsrc2, kept as a fixture). */
export function recordingMp4(): Uint8Array {
  recording ??= new Uint8Array(readFileSync(new URL('./fixtures/videoid-recording.mp4', import.meta.url)));
  return recording;
}

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
    if (p.run.recordsVideo) zip.file('video.mp4', recordingMp4(), { compression: 'STORE' });
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
