import { useCallback, useEffect, useRef, useState } from 'react';

const asBlobPart = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

/**
 * An object URL for `content` while the component is mounted; revoked when the content changes or on unmount. A Blob
 * is used as it is (no copy); bytes are copied into one of type `type`.
 */
export function useObjectUrl(content: Blob | Uint8Array | undefined, type: string): string | undefined {
  const [url, setUrl] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!content) return;
    const blob = content instanceof Blob ? content : new Blob([asBlobPart(content)], { type });
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => {
      URL.revokeObjectURL(next);
      setUrl(undefined);
    };
  }, [content, type]);
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
