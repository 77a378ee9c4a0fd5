// Pan (drag) and zoom (wheel, buttons) for the relations graph. The host draws the SVG with a
// viewBox around every node ("fit"); here only that viewBox moves, so nothing is re-rendered and
// the node links keep working (a drag never counts as a click).

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const ZOOM_STEP = 1.25;
const DRAG_THRESHOLD_PX = 4;
const MIN_SCALE = 0.1;
const MAX_SCALE = 8;

function readBox(svg: SVGSVGElement): Box | undefined {
  const parts = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const [x, y, width, height] = parts;
  return parts.length === 4 && parts.every(Number.isFinite) && width && height && x !== undefined && y !== undefined
    ? { x, y, width, height }
    : undefined;
}

function writeBox(svg: SVGSVGElement, box: Box): void {
  svg.setAttribute(
    'viewBox',
    `${box.x.toFixed(1)} ${box.y.toFixed(1)} ${box.width.toFixed(1)} ${box.height.toFixed(1)}`,
  );
}

/** Screen pixels per SVG unit under `preserveAspectRatio="xMidYMid meet"`. */
function pixelsPerUnit(svg: SVGSVGElement, box: Box): number {
  const rect = svg.getBoundingClientRect();
  return Math.min(rect.width / box.width, rect.height / box.height) || 1;
}

/** The SVG point under a screen point. */
function svgPoint(svg: SVGSVGElement, clientX: number, clientY: number): { x: number; y: number } | undefined {
  const matrix = svg.getScreenCTM();
  if (!matrix) {
    return undefined;
  }
  const point = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
  return { x: point.x, y: point.y };
}

function zoom(svg: SVGSVGElement, fit: Box, factor: number, around?: { x: number; y: number }): void {
  const box = readBox(svg);
  if (!box) {
    return;
  }
  const scale = fit.width / (box.width * factor);
  if (scale < MIN_SCALE || scale > MAX_SCALE) {
    return;
  }
  const center = around ?? { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  writeBox(svg, {
    x: center.x - (center.x - box.x) * factor,
    y: center.y - (center.y - box.y) * factor,
    width: box.width * factor,
    height: box.height * factor,
  });
}

function enable(svg: SVGSVGElement, root: HTMLElement): void {
  const fit = readBox(svg);
  if (!fit || svg.dataset['panZoom']) {
    return;
  }
  svg.dataset['panZoom'] = 'on';
  // Fit puts back exactly what the host drew around every node.
  const fitText = svg.getAttribute('viewBox') ?? '';
  svg.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      zoom(svg, fit, event.deltaY > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, svgPoint(svg, event.clientX, event.clientY));
    },
    { passive: false },
  );

  let drag: { pointer: number; startX: number; startY: number; box: Box; moved: boolean } | undefined;
  let suppressClick = false;
  // Node links are anchors, which the browser would start dragging (and cancel the pan) otherwise.
  svg.addEventListener('dragstart', (event) => event.preventDefault());
  for (const link of svg.querySelectorAll('a')) {
    link.setAttribute('draggable', 'false');
  }
  svg.addEventListener('pointerdown', (event) => {
    const box = readBox(svg);
    if (event.button === 0 && box) {
      drag = { pointer: event.pointerId, startX: event.clientX, startY: event.clientY, box, moved: false };
    }
  });
  svg.addEventListener('pointermove', (event) => {
    if (!drag || event.pointerId !== drag.pointer) {
      return;
    }
    const dx = event.clientX - drag.startX;
    const dy = event.clientY - drag.startY;
    if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) {
      return;
    }
    if (!drag.moved) {
      // Captured only once it is a drag: a capture from pointerdown would retarget a node's click.
      drag.moved = true;
      try {
        svg.setPointerCapture(event.pointerId);
      } catch {
        // the pointer is gone already (or belongs to another frame): pan without capture
      }
      svg.classList.add('panning');
    }
    const scale = pixelsPerUnit(svg, drag.box);
    writeBox(svg, { ...drag.box, x: drag.box.x - dx / scale, y: drag.box.y - dy / scale });
  });
  const end = (event: PointerEvent): void => {
    if (drag && event.pointerId === drag.pointer) {
      suppressClick = drag.moved;
      drag = undefined;
      svg.classList.remove('panning');
    }
  };
  svg.addEventListener('pointerup', end);
  svg.addEventListener('pointercancel', end);
  svg.addEventListener(
    'click',
    (event) => {
      if (suppressClick) {
        suppressClick = false;
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true,
  );

  const card = svg.closest('section') ?? root;
  for (const button of card.querySelectorAll<HTMLElement>('[data-graph-action]')) {
    button.addEventListener('click', () => {
      const action = button.dataset['graphAction'];
      if (action === 'fit') {
        svg.setAttribute('viewBox', fitText);
      } else if (action === 'zoom-in' || action === 'zoom-out') {
        zoom(svg, fit, action === 'zoom-in' ? 1 / ZOOM_STEP : ZOOM_STEP);
      }
    });
  }
}

/** Gives every relations graph under `root` pan and zoom (once per SVG). */
export function enableGraphPanZoom(root: HTMLElement): void {
  for (const svg of root.querySelectorAll<SVGSVGElement>('svg.graph')) {
    enable(svg, root);
  }
}
