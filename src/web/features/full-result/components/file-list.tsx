import { formatBytes, printable, type ZipEntry } from '../lib/zip-types';

export function typeLabel(entry: ZipEntry): string {
  switch (entry.kind) {
    case 'image':
      return `${entry.mimeType.replace('image/', '').toUpperCase()} image`;
    case 'json':
      return 'JSON';
    case 'text':
      return 'Text';
    case 'video':
      return `Video (${entry.mimeType === 'video/quicktime' ? 'MOV' : entry.mimeType.replace('video/', '').toUpperCase()})`;
    case 'folder':
      return 'Folder';
    default:
      return 'File';
  }
}

export const isViewable = (entry: ZipEntry) =>
  entry.state === 'ok' &&
  entry.bytes !== undefined &&
  (entry.kind === 'image' ||
    entry.kind === 'json' ||
    entry.kind === 'text' ||
    (entry.kind === 'video' && !entry.problem));

/** Every entry of the zip with its type, size and state; viewable ones open below, all extracted ones download. */
export function FileList({
  entries,
  selected,
  onView,
  onDownload,
}: {
  entries: ZipEntry[];
  selected: number | undefined;
  onView: (entry: ZipEntry) => void;
  onDownload: (entry: ZipEntry) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="data-table fr-files">
        <caption className="visually-hidden">Files in the zip</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col" className="fr-num">
              Size
            </th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const name = printable(entry.name);
            return (
              <tr
                key={entry.index}
                aria-current={selected === entry.index ? 'true' : undefined}
                data-state={entry.state}
              >
                <th scope="row" className="mono fr-file-name">
                  {name}
                </th>
                <td>{typeLabel(entry)}</td>
                <td className="fr-num">{entry.kind === 'folder' ? '—' : formatBytes(entry.size)}</td>
                <td className="fr-file-state">
                  {entry.state === 'ok' && !entry.problem ? (
                    <span className="muted">OK</span>
                  ) : (
                    <span className={entry.state === 'ok' ? 'fr-problem-soft' : 'fr-problem'}>
                      {entry.problem ?? entry.state}
                    </span>
                  )}
                </td>
                <td className="fr-file-actions">
                  {isViewable(entry) && (
                    <button
                      type="button"
                      className="btn"
                      aria-label={`View ${name}`}
                      onClick={() => onView(entry)}
                    >
                      View
                    </button>
                  )}
                  {entry.state === 'ok' && entry.bytes && (
                    <button
                      type="button"
                      className="btn"
                      aria-label={`Download ${name}`}
                      onClick={() => onDownload(entry)}
                    >
                      Download
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
