import type { EntityView, TabRenderContext } from '../pluginTypes';
import {
  GRAPH_DIRECTIONS,
  graphState,
  parseGraphState,
  relationsNeighbourhood,
  type GraphOptions,
  type NeighbourNode,
} from './relationsNeighbourhood';

const NODE_WIDTH = 210;
const NODE_HEIGHT = 40;
const COLUMN_GAP = 110;
/** A wrapped layer's columns sit closer together than layers do, so they read as one layer. */
const WRAP_GAP = 24;
const ROW_GAP = 12;
/** A layer taller than this wraps into another column, so the graph keeps a readable shape. */
const MAX_ROWS = 12;
/** What fits on a node's title line at 12 px; the whole ref is in the node's tooltip. */
const TITLE_CHARS = 30;
const PADDING = 16;
/** Beyond this many edges their labels would cover each other: they stay as hover titles. */
const MAX_LABELLED_EDGES = 18;
/** The anchor the controls return to after a re-render. */
export const GRAPH_ANCHOR = 'relations-graph';

function shortRef(ref: string): string {
  const [kind = '', rest = ''] = ref.split(':');
  const name = rest.startsWith('default/') ? rest.slice('default/'.length) : rest;
  return `${kind}:${name}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

interface NodeLabel {
  /** The kind, on a small first line; empty for the entity itself. */
  readonly kind: string;
  readonly title: string;
}

interface Placed {
  readonly ref: string;
  readonly label: NodeLabel;
  readonly x: number;
  readonly y: number;
}

/** Layers left to right by signed distance (incoming left, outgoing right), each wrapped at MAX_ROWS. */
function layout(
  nodes: readonly NeighbourNode[],
  labelOf: (ref: string) => NodeLabel,
): { placed: Map<string, Placed>; width: number; height: number } {
  const layers = new Map<number, NeighbourNode[]>();
  for (const node of nodes) {
    layers.set(node.distance, [...(layers.get(node.distance) ?? []), node]);
  }
  const columns: Placed[][] = [];
  let x = 0;
  for (const distance of [...layers.keys()].sort((a, b) => a - b)) {
    const layer = (layers.get(distance) ?? [])
      .map((node) => ({ ref: node.ref, label: labelOf(node.ref) }))
      .sort(
        (a, b) =>
          a.label.kind.localeCompare(b.label.kind) ||
          a.label.title.localeCompare(b.label.title, undefined, { numeric: true }),
      );
    for (let start = 0; start < layer.length; start += MAX_ROWS) {
      columns.push(
        layer.slice(start, start + MAX_ROWS).map((node, row) => ({ ...node, x, y: row * (NODE_HEIGHT + ROW_GAP) })),
      );
      x += NODE_WIDTH + (start + MAX_ROWS < layer.length ? WRAP_GAP : COLUMN_GAP);
    }
  }
  const height = Math.max(...columns.map((column) => column.length)) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP;
  const placed = new Map<string, Placed>();
  for (const column of columns) {
    // Each column centred vertically: the entity sits in the middle of its neighbours.
    const offset = (height - (column.length * (NODE_HEIGHT + ROW_GAP) - ROW_GAP)) / 2;
    for (const node of column) {
      placed.set(node.ref, { ...node, y: node.y + offset });
    }
  }
  return { placed, width: x - COLUMN_GAP, height };
}

function controls(options: GraphOptions, context: TabRenderContext): string {
  const button = (label: string, next: GraphOptions, selected: boolean, aria: string): string =>
    `<vscode-button${selected ? '' : ' secondary'} class="graph-option${selected ? ' selected' : ''}" aria-label="${context.escape(aria)}" data-tab-state="${context.escape(`${graphState(next)}#${GRAPH_ANCHOR}`)}">${context.escape(label)}</vscode-button>`;
  const depths = ([1, 2, 3] as const).map((depth) =>
    button(String(depth), { ...options, depth }, depth === options.depth, `Depth ${depth}`),
  );
  const directions = GRAPH_DIRECTIONS.map((direction) =>
    button(
      direction[0]?.toUpperCase() + direction.slice(1),
      { ...options, direction },
      direction === options.direction,
      `Direction ${direction}`,
    ),
  );
  const zoom = [
    ['zoom-out', '−', 'Zoom out'],
    ['zoom-in', '+', 'Zoom in'],
    ['fit', 'Fit', 'Fit to view'],
  ].map(
    ([action = '', label = '', aria = '']) =>
      `<vscode-button secondary class="graph-zoom" data-graph-action="${action}" aria-label="${aria}" title="${aria}">${context.escape(label)}</vscode-button>`,
  );
  return `<div class="graph-controls"><span class="graph-control-label">Depth</span>${depths.join('')}<span class="graph-control-label">Direction</span>${directions.join('')}<span class="graph-zoom-group">${zoom.join('')}</span></div>`;
}

/**
 * The entity's neighbourhood as an SVG: depth and direction chosen above it (a tab state, so the
 * choice survives a reload), layers left to right, each node linking to its page. The viewBox
 * encloses every node, so the whole neighbourhood fits; the webview adds pan and zoom.
 */
export function relationsGraphSvg(entity: EntityView, context: TabRenderContext): string {
  const options = parseGraphState(context.state);
  const neighbourhood = relationsNeighbourhood(entity, options, (ref) => context.getEntity(ref));
  if (neighbourhood.nodes.length <= 1) {
    return `${controls(options, context)}<p class="notice">No ${options.direction === 'both' ? '' : `${options.direction} `}relations.</p>`;
  }
  const labelOf = (ref: string): NodeLabel => {
    if (ref === entity.ref) {
      return { kind: entity.kind, title: entity.title };
    }
    const neighbour = context.getEntity(ref);
    // The kind tells a Group and a System both titled "Playback" apart.
    return neighbour
      ? { kind: neighbour.kind, title: neighbour.title }
      : { kind: 'not in the catalog', title: shortRef(ref) };
  };
  const { placed, width, height } = layout(neighbourhood.nodes, labelOf);
  const labelled = neighbourhood.edges.length <= MAX_LABELLED_EDGES;
  const edges = neighbourhood.edges.flatMap((edge) => {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    if (!from || !to) {
      return [];
    }
    const rightwards = from.x < to.x;
    const x1 = from.x + (rightwards ? NODE_WIDTH : 0);
    const x2 = to.x + (rightwards ? 0 : NODE_WIDTH);
    const y1 = from.y + NODE_HEIGHT / 2;
    const y2 = to.y + NODE_HEIGHT / 2;
    const types = edge.types.join(', ');
    const label = labelled
      ? `<text x="${Math.round((x1 + x2) / 2)}" y="${Math.round((y1 + y2) / 2) - 4}" text-anchor="middle">${context.escape(truncate(types, 24))}</text>`
      : '';
    return [
      `<g class="edge"><title>${context.escape(`${shortRef(edge.from)} ${types} ${shortRef(edge.to)}`)}</title><line x1="${Math.round(x1)}" y1="${Math.round(y1)}" x2="${Math.round(x2)}" y2="${Math.round(y2)}" marker-end="url(#graph-arrow)"></line>${label}</g>`,
    ];
  });
  const nodes = [...placed.values()].map((node) => {
    const center = node.ref === entity.ref;
    const shape = `<g class="node${center ? ' center' : ''}" transform="translate(${Math.round(node.x)},${Math.round(node.y)})"><rect width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="4" ry="4"></rect><text class="node-kind" x="${NODE_WIDTH / 2}" y="15" text-anchor="middle">${context.escape(node.label.kind)}</text><text class="node-title" x="${NODE_WIDTH / 2}" y="31" text-anchor="middle">${context.escape(truncate(node.label.title, TITLE_CHARS))}</text><title>${context.escape(node.ref)}</title></g>`;
    return center || !context.getEntity(node.ref)
      ? shape
      : `<a href="#" data-entity-ref="${context.escape(node.ref)}">${shape}</a>`;
  });
  const arrow = `<defs><marker id="graph-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z"></path></marker></defs>`;
  const viewBox = `${-PADDING} ${-PADDING} ${width + 2 * PADDING} ${height + 2 * PADDING}`;
  const summary = `${neighbourhood.nodes.length - 1} related entit${neighbourhood.nodes.length === 2 ? 'y' : 'ies'} within ${options.depth} step${options.depth === 1 ? '' : 's'}${neighbourhood.omitted > 0 ? `; ${neighbourhood.omitted} more not drawn` : ''}. Drag to pan, scroll or use the buttons to zoom.`;
  return `${controls(options, context)}<svg class="graph" viewBox="${viewBox}" preserveAspectRatio="xMidYMid meet" role="img" aria-label="Relations of ${context.escape(entity.title)}">${arrow}${edges.join('')}${nodes.join('')}</svg><p class="graph-summary">${context.escape(summary)}</p>`;
}
