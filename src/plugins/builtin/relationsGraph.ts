import type { EntityView, TabRenderContext } from '../pluginTypes';

const WIDTH = 720;
const HEIGHT = 420;
const NODE_WIDTH = 150;
const NODE_HEIGHT = 30;
const MAX_NEIGHBOURS = 14;

function shortRef(ref: string): string {
  const [kind = '', rest = ''] = ref.split(':');
  const name = rest.startsWith('default/') ? rest.slice('default/'.length) : rest;
  return `${kind}:${name}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * An SVG of the entity and its direct neighbours, one labelled edge per relation type;
 * each node links to that entity's page. Layout is a circle: readable up to ~14 neighbours.
 */
export function relationsGraphSvg(entity: EntityView, context: TabRenderContext): string {
  const labelsByNeighbour = new Map<string, string[]>();
  for (const relation of entity.relations.outgoing) {
    if (relation.target !== entity.ref) {
      labelsByNeighbour.set(relation.target, [...(labelsByNeighbour.get(relation.target) ?? []), relation.type]);
    }
  }
  const neighbours = [...labelsByNeighbour.entries()].slice(0, MAX_NEIGHBOURS);
  if (neighbours.length === 0) {
    return `<p class="notice">No relations.</p>`;
  }
  const centerX = WIDTH / 2;
  const centerY = HEIGHT / 2;
  const radiusX = WIDTH / 2 - NODE_WIDTH / 2 - 8;
  const radiusY = HEIGHT / 2 - NODE_HEIGHT;
  const node = (ref: string, x: number, y: number, label: string, center: boolean): string => {
    const shape = `<g class="node${center ? ' center' : ''}" transform="translate(${Math.round(x - NODE_WIDTH / 2)},${Math.round(y - NODE_HEIGHT / 2)})"><rect width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="4" ry="4"></rect><text x="${NODE_WIDTH / 2}" y="${NODE_HEIGHT / 2 + 4}" text-anchor="middle">${context.escape(truncate(label, 22))}</text><title>${context.escape(ref)}</title></g>`;
    return center || !context.getEntity(ref) ? shape : `<a href="#" data-entity-ref="${context.escape(ref)}">${shape}</a>`;
  };
  const edges: string[] = [];
  const nodes: string[] = [];
  neighbours.forEach(([ref, types], position) => {
    const angle = (2 * Math.PI * position) / neighbours.length - Math.PI / 2;
    const x = centerX + radiusX * Math.cos(angle);
    const y = centerY + radiusY * Math.sin(angle);
    edges.push(`<g class="edge"><line x1="${Math.round(centerX)}" y1="${Math.round(centerY)}" x2="${Math.round(x)}" y2="${Math.round(y)}"></line><text x="${Math.round((centerX + x) / 2)}" y="${Math.round((centerY + y) / 2) - 3}" text-anchor="middle">${context.escape(types.join(', '))}</text></g>`);
    const neighbour = context.getEntity(ref);
    // The kind tells a Group and a System both titled "Playback" apart.
    nodes.push(node(ref, x, y, neighbour ? `${neighbour.kind}: ${neighbour.title}` : shortRef(ref), false));
  });
  nodes.push(node(entity.ref, centerX, centerY, entity.title, true));
  const more = labelsByNeighbour.size > MAX_NEIGHBOURS ? `<p class="notice">${labelsByNeighbour.size - MAX_NEIGHBOURS} more related entities are listed under Relations.</p>` : '';
  return `<svg class="graph" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Relations of ${context.escape(entity.title)}">${edges.join('')}${nodes.join('')}</svg>${more}`;
}
