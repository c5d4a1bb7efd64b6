// Annotations on an OpenSeadragon viewer: each drawn as an overlay rectangle in image pixels, and
// a drawing mode in which a drag on the image makes a new rectangle (panning is off meanwhile).
import OpenSeadragon from 'openseadragon';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface DrawnAnnotation {
  id: string;
  box: Box;
  motivation: string;
  selected: boolean;
}

/**
 * OpenSeadragon adds a <style> of its own unless one marked `data-openseadragon-mobile-css` exists;
 * the page's policy refuses a <style> without its nonce, so this one carries it.
 */
export function provideViewerStyle(): void {
  if (document.querySelector('style[data-openseadragon-mobile-css]')) return;
  const style = document.createElement('style');
  const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce;
  if (nonce) style.nonce = nonce;
  style.setAttribute('data-openseadragon-mobile-css', 'true');
  style.textContent = '@media (hover: none) { .openseadragon-canvas:focus { outline: none !important; } }';
  document.head.appendChild(style);
}

const COLOURS: Record<string, string> = { commenting: '#228be6', tagging: '#40c057', highlighting: '#fab005' };

/** The xywh of a FragmentSelector value (`xywh=1,2,3,4`). */
export function boxOf(value: unknown): Box | null {
  const match = /^xywh=(?:pixel:)?(\d+),(\d+),(\d+),(\d+)$/.exec(String(value));
  return match ? { x: Number(match[1]), y: Number(match[2]), w: Number(match[3]), h: Number(match[4]) } : null;
}

export function drawAnnotations(viewer: OpenSeadragon.Viewer, annotations: DrawnAnnotation[], onSelect: (id: string) => void): void {
  viewer.clearOverlays();
  const item = viewer.world.getItemAt(0);
  if (!item) return;
  for (const a of annotations) {
    const element = document.createElement('div');
    element.dataset.annotationId = a.id;
    element.title = a.motivation;
    const colour = COLOURS[a.motivation] ?? '#fa5252';
    element.style.border = `${a.selected ? 3 : 2}px solid ${colour}`;
    element.style.background = a.motivation === 'highlighting' ? 'rgba(250, 176, 5, 0.25)' : 'transparent';
    element.style.boxSizing = 'border-box';
    element.style.cursor = 'pointer';
    new OpenSeadragon.MouseTracker({ element, clickHandler: () => onSelect(a.id) });
    viewer.addOverlay({ element, location: item.imageToViewportRectangle(a.box.x, a.box.y, a.box.w, a.box.h) });
  }
}

/**
 * Lets the user drag a rectangle on the image; `onDrawn` gets it in image pixels (clamped to the
 * image). Returns a function that ends drawing.
 */
export function startDrawing(viewer: OpenSeadragon.Viewer, size: { width: number; height: number }, onDrawn: (box: Box) => void): () => void {
  const item = viewer.world.getItemAt(0);
  viewer.setMouseNavEnabled(false);
  let start: OpenSeadragon.Point | null = null;
  const preview = document.createElement('div');
  preview.style.border = '2px dashed #fa5252';
  preview.style.boxSizing = 'border-box';
  const toImage = (p: OpenSeadragon.Point) => item!.viewerElementToImageCoordinates(p);
  const clamp = (v: number, max: number) => Math.max(0, Math.min(max, Math.round(v)));
  const boxBetween = (a: OpenSeadragon.Point, b: OpenSeadragon.Point): Box => {
    const [x1, x2] = [clamp(Math.min(a.x, b.x), size.width), clamp(Math.max(a.x, b.x), size.width)];
    const [y1, y2] = [clamp(Math.min(a.y, b.y), size.height), clamp(Math.max(a.y, b.y), size.height)];
    return { x: x1, y: y1, w: Math.max(1, x2 - x1), h: Math.max(1, y2 - y1) };
  };
  const tracker = new OpenSeadragon.MouseTracker({
    element: viewer.canvas,
    pressHandler: (event) => {
      start = toImage(event.position!);
      viewer.addOverlay({ element: preview, location: item!.imageToViewportRectangle(start.x, start.y, 1, 1) });
    },
    dragHandler: (event) => {
      if (!start) return;
      const box = boxBetween(start, toImage(event.position!));
      viewer.updateOverlay(preview, item!.imageToViewportRectangle(box.x, box.y, box.w, box.h));
    },
    releaseHandler: (event) => {
      if (!start) return;
      const box = boxBetween(start, toImage(event.position!));
      start = null;
      viewer.removeOverlay(preview);
      onDrawn(box);
    },
  });
  return () => {
    tracker.destroy();
    viewer.removeOverlay(preview);
    viewer.setMouseNavEnabled(true);
  };
}
