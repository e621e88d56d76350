import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useObjectUrl } from '../hooks/use-object-url';

interface View {
  zoom: number;
  rotation: number;
  x: number;
  y: number;
}

const INITIAL: View = { zoom: 1, rotation: 0, x: 0, y: 0 };
const MIN_ZOOM = 0.25;
const MAX_ZOOM = 8;
const STEP = 1.25;
const PAN_STEP = 40;

const clampZoom = (zoom: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
const zoomBy = (view: View, factor: number): View => ({ ...view, zoom: clampZoom(view.zoom * factor) });
const rotateBy = (view: View, degrees: number): View => ({
  ...view,
  rotation: (view.rotation + degrees + 360) % 360,
});

/**
 * One picture from the zip in a fixed-size frame, so pictures side by side compare at the same size. Zoom with the
 * buttons, the wheel or + / −; pan by dragging or with the arrow keys; rotate with the buttons or R; 0 resets.
 */
export function ImageViewer({
  name,
  content,
  mimeType,
  problem,
  caption,
}: {
  name: string;
  /** The picture: the worker's Blob, or its bytes. */
  content: Blob | Uint8Array | undefined;
  mimeType: string;
  /** Known before decoding (the bytes are not a picture). */
  problem?: string;
  caption?: string;
}) {
  const url = useObjectUrl(problem ? undefined : content, mimeType);
  const [decodeFailed, setDecodeFailed] = useState(false);
  const [view, setView] = useState<View>(INITIAL);
  const frame = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; fromX: number; fromY: number } | null>(null);
  const failure =
    problem ??
    (decodeFailed
      ? `${name} could not be decoded as an image.`
      : !content
        ? `${name} was not extracted.`
        : undefined);

  // React's wheel listener is passive; this one may stop the page from scrolling while zooming the picture.
  useEffect(() => {
    const el = frame.current;
    if (!el || failure) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      setView((v) => zoomBy(v, event.deltaY < 0 ? STEP : 1 / STEP));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [failure]);

  const onKeyDown = (event: KeyboardEvent) => {
    const actions: Record<string, (v: View) => View> = {
      '+': (v) => zoomBy(v, STEP),
      '=': (v) => zoomBy(v, STEP),
      '-': (v) => zoomBy(v, 1 / STEP),
      r: (v) => rotateBy(v, 90),
      R: (v) => rotateBy(v, -90),
      '0': () => INITIAL,
      ArrowLeft: (v) => ({ ...v, x: v.x + PAN_STEP }),
      ArrowRight: (v) => ({ ...v, x: v.x - PAN_STEP }),
      ArrowUp: (v) => ({ ...v, y: v.y + PAN_STEP }),
      ArrowDown: (v) => ({ ...v, y: v.y - PAN_STEP }),
    };
    const action = actions[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    setView(action);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, fromX: view.x, fromY: view.y };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (!start) return;
    setView((v) => ({
      ...v,
      x: start.fromX + event.clientX - start.x,
      y: start.fromY + event.clientY - start.y,
    }));
  };
  const endDrag = () => {
    drag.current = null;
  };

  return (
    <figure className="fr-image">
      <div className="fr-image-toolbar" role="group" aria-label={`${name} view controls`}>
        <button
          type="button"
          className="btn btn-icon"
          aria-label="Zoom out"
          title="Zoom out (−)"
          disabled={!!failure || view.zoom <= MIN_ZOOM}
          onClick={() => setView((v) => zoomBy(v, 1 / STEP))}
        >
          −
        </button>
        <output className="fr-zoom" aria-label={`${name} zoom`}>
          {Math.round(view.zoom * 100)}%
        </output>
        <button
          type="button"
          className="btn btn-icon"
          aria-label="Zoom in"
          title="Zoom in (+)"
          disabled={!!failure || view.zoom >= MAX_ZOOM}
          onClick={() => setView((v) => zoomBy(v, STEP))}
        >
          +
        </button>
        <button
          type="button"
          className="btn btn-icon"
          aria-label="Rotate left"
          title="Rotate left (Shift+R)"
          disabled={!!failure}
          onClick={() => setView((v) => rotateBy(v, -90))}
        >
          ↺
        </button>
        <button
          type="button"
          className="btn btn-icon"
          aria-label="Rotate right"
          title="Rotate right (R)"
          disabled={!!failure}
          onClick={() => setView((v) => rotateBy(v, 90))}
        >
          ↻
        </button>
        <button
          type="button"
          className="btn"
          disabled={!!failure || view === INITIAL}
          onClick={() => setView(INITIAL)}
        >
          Reset
        </button>
      </div>
      {failure ? (
        <div className="fr-frame fr-frame-problem">
          <p>{failure}</p>
        </div>
      ) : (
        // A pan-and-zoom surface is a widget of its own ("application"): it takes focus and its own keys.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
        <div
          ref={frame}
          className="fr-frame"
          role="application"
          aria-roledescription="picture viewer"
          aria-label={`${name}: + and − zoom, arrow keys pan, R rotates, 0 resets`}
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- see above
          tabIndex={0}
          onKeyDown={onKeyDown}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
          data-dragging={drag.current ? 'true' : undefined}
        >
          {url && (
            <img
              src={url}
              alt={name}
              draggable={false}
              onError={() => setDecodeFailed(true)}
              style={{
                transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom}) rotate(${view.rotation}deg)`,
              }}
            />
          )}
        </div>
      )}
      <figcaption>
        {caption && <strong>{caption}</strong>} <span className="mono">{name}</span>
      </figcaption>
    </figure>
  );
}
