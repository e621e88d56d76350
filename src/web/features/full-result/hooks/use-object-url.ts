import { useCallback, useEffect, useRef, useState } from 'react';

const asBlobPart = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

/** An object URL for `bytes` while the component is mounted; revoked when the bytes change or on unmount. */
export function useObjectUrl(bytes: Uint8Array | undefined, type: string): string | undefined {
  const [url, setUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!bytes) return;
    const next = URL.createObjectURL(new Blob([asBlobPart(bytes)], { type }));
    setUrl(next);
    return () => {
      URL.revokeObjectURL(next);
      setUrl(undefined);
    };
  }, [bytes, type]);
  return url;
}

/** A file name safe to offer for saving (no folders, no odd characters). */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).filter(Boolean).pop() ?? 'file';
  return base.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '') || 'file';
}

/**
 * Saves bytes through a Blob object URL and an `<a download>`. Every URL is revoked a minute later or when the
 * component unmounts, whichever comes first.
 */
export function useSaveBytes() {
  const urls = useRef(new Set<string>());
  const revokeAll = useCallback(() => {
    urls.current.forEach((url) => URL.revokeObjectURL(url));
    urls.current.clear();
  }, []);
  useEffect(() => revokeAll, [revokeAll]);
  const save = useCallback((bytes: Uint8Array, fileName: string, type = 'application/octet-stream') => {
    const url = URL.createObjectURL(new Blob([asBlobPart(bytes)], { type }));
    urls.current.add(url);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.rel = 'noopener';
    a.style.display = 'none';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => {
      if (urls.current.delete(url)) URL.revokeObjectURL(url);
    }, 60_000);
  }, []);
  return { save, revokeAll };
}
