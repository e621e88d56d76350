import { printable, viewerContent, type ZipEntry } from '../lib/zip-types';
import { ImageViewer } from './image-viewer';

interface Slot {
  file: string;
  caption: string;
}

function findRoot(entries: ZipEntry[], file: string): ZipEntry | undefined {
  return entries.find((entry) => entry.name.toLowerCase() === file);
}

function Row({ title, slots, entries }: { title: string; slots: Slot[]; entries: ZipEntry[] }) {
  const present = slots.flatMap((slot) => {
    const entry = findRoot(entries, slot.file);
    return entry ? [{ slot, entry }] : [];
  });
  if (present.length === 0) return null;
  return (
    <div className="fr-image-row">
      <h3>{title}</h3>
      <div className="fr-image-grid">
        {present.map(({ slot, entry }) => (
          <ImageViewer
            key={entry.index}
            name={printable(entry.name)}
            caption={slot.caption}
            content={viewerContent(entry)}
            mimeType={entry.mimeType}
            problem={
              entry.state === 'ok' ? entry.problem : (entry.problem ?? `${entry.name} was not extracted.`)
            }
          />
        ))}
      </div>
    </div>
  );
}

/** The selfie next to the chip portrait, and the document's front and back, each in a frame of the same size. */
export function FacesPanel({ entries, provider }: { entries: ZipEntry[]; provider: string }) {
  const readid = provider === 'readid';
  return (
    <>
      <Row
        title="Faces"
        entries={entries}
        slots={[
          { file: 'selfie.jpg', caption: readid ? 'Selfie (iProov)' : 'Selfie' },
          { file: 'portrait.jpg', caption: readid ? 'Chip portrait' : 'Document portrait' },
        ]}
      />
      <Row
        title="Document"
        entries={entries}
        slots={[
          { file: 'front.jpg', caption: 'Front' },
          { file: 'back.jpg', caption: 'Back' },
        ]}
      />
    </>
  );
}
