import type { EntityView } from '../pluginTypes';

export type GraphDirection = 'outgoing' | 'incoming' | 'both';

export interface GraphOptions {
  /** How many relation steps from the entity: 1 to 3. */
  readonly depth: 1 | 2 | 3;
  readonly direction: GraphDirection;
}

export const DEFAULT_GRAPH_OPTIONS: GraphOptions = { depth: 1, direction: 'both' };
export const GRAPH_DIRECTIONS: readonly GraphDirection[] = ['outgoing', 'incoming', 'both'];

/** The tab state that carries the graph's options, e.g. `graph:2:incoming`. */
export function graphState(options: GraphOptions): string {
  return `graph:${options.depth}:${options.direction}`;
}

export function parseGraphState(state: string | undefined): GraphOptions {
  const match = /^graph:([123]):(outgoing|incoming|both)(?:#.*)?$/.exec(state ?? '');
  return match
    ? { depth: Number(match[1]) as GraphOptions['depth'], direction: match[2] as GraphDirection }
    : DEFAULT_GRAPH_OPTIONS;
}

export interface NeighbourNode {
  readonly ref: string;
  /**
   * Steps from the entity, signed: negative for what is reached against the relations' direction
   * (incoming), positive along them (outgoing), 0 for the entity itself.
   */
  readonly distance: number;
}

export interface NeighbourEdge {
  readonly from: string;
  readonly to: string;
  /** Relation types from `from` to `to` (a pair such as dependsOn/dependencyOf is drawn once). */
  readonly types: readonly string[];
}

export interface Neighbourhood {
  readonly nodes: readonly NeighbourNode[];
  readonly edges: readonly NeighbourEdge[];
  /** Entities within reach that were not drawn (over the node budget). */
  readonly omitted: number;
}

type Lookup = (ref: string) => EntityView | undefined;

/**
 * Backstage stores each relation twice, once from each side (dependsOn / dependencyOf). The first
 * of each pair reads "this entity → what it uses or belongs to": the graph's outgoing direction.
 */
const INVERSE_OF_FORWARD = new Map<string, string>([
  ['dependencyOf', 'dependsOn'],
  ['ownerOf', 'ownedBy'],
  ['apiConsumedBy', 'consumesApi'],
  ['apiProvidedBy', 'providesApi'],
  ['hasPart', 'partOf'],
  ['parentOf', 'childOf'],
  ['hasMember', 'memberOf'],
]);

/** A relation read in its forward direction: `from` uses or belongs to `to`. */
interface ForwardRelation {
  readonly from: string;
  readonly to: string;
  readonly type: string;
}

/** Every relation touching `ref`, each turned forward; both stored halves give the same answer. */
function forwardRelations(ref: string, root: EntityView, lookup: Lookup): ForwardRelation[] {
  const view = ref === root.ref ? root : lookup(ref);
  if (!view) {
    return [];
  }
  const relations: ForwardRelation[] = [];
  for (const relation of view.relations.outgoing) {
    const forward = INVERSE_OF_FORWARD.get(relation.type);
    relations.push(
      forward
        ? { from: relation.target, to: ref, type: forward }
        : { from: ref, to: relation.target, type: relation.type },
    );
  }
  for (const relation of view.relations.incoming) {
    const forward = INVERSE_OF_FORWARD.get(relation.type);
    relations.push(
      forward
        ? { from: ref, to: relation.source, type: forward }
        : { from: relation.source, to: ref, type: relation.type },
    );
  }
  return relations.filter((relation) => relation.from !== relation.to);
}

function outgoingOf(ref: string, root: EntityView, lookup: Lookup): string[] {
  return forwardRelations(ref, root, lookup)
    .filter((relation) => relation.from === ref)
    .map((relation) => relation.to);
}

function incomingOf(ref: string, root: EntityView, lookup: Lookup): string[] {
  return forwardRelations(ref, root, lookup)
    .filter((relation) => relation.to === ref)
    .map((relation) => relation.from);
}

/** Breadth-first from the root along one direction; refs by distance, at most `budget` of them. */
function reach(
  root: EntityView,
  depth: number,
  next: (ref: string) => string[],
  budget: number,
): { found: Map<string, number>; total: number } {
  const found = new Map<string, number>();
  const seen = new Set<string>([root.ref]);
  let frontier = [root.ref];
  let total = 0;
  for (let distance = 1; distance <= depth && frontier.length > 0; distance++) {
    const following: string[] = [];
    for (const ref of frontier) {
      for (const neighbour of next(ref)) {
        if (seen.has(neighbour)) {
          continue;
        }
        seen.add(neighbour);
        total++;
        if (found.size < budget) {
          found.set(neighbour, distance);
          following.push(neighbour);
        }
      }
    }
    frontier = following;
  }
  return { found, total };
}

/**
 * The entity and what it reaches within `depth` relation steps, in the chosen direction(s), with
 * one edge per related pair. Unknown refs (dangling targets) are nodes but are not followed.
 */
export function relationsNeighbourhood(
  root: EntityView,
  options: GraphOptions,
  lookup: Lookup,
  budget = 60,
): Neighbourhood {
  const outgoing =
    options.direction === 'incoming'
      ? { found: new Map<string, number>(), total: 0 }
      : reach(root, options.depth, (ref) => outgoingOf(ref, root, lookup), budget);
  const incoming =
    options.direction === 'outgoing'
      ? { found: new Map<string, number>(), total: 0 }
      : reach(root, options.depth, (ref) => incomingOf(ref, root, lookup), budget);
  const distances = new Map<string, number>([[root.ref, 0]]);
  for (const [ref, distance] of outgoing.found) {
    distances.set(ref, distance);
  }
  // Reached both ways: it stays on the side where it is nearer (outgoing on a tie).
  for (const [ref, distance] of incoming.found) {
    const known = distances.get(ref);
    if (known === undefined || distance < known) {
      distances.set(ref, -distance);
    }
  }
  const nodes = [...distances.entries()].slice(0, budget + 1).map(([ref, distance]) => ({ ref, distance }));
  const included = new Map(nodes.map((node) => [node.ref, node.distance]));
  // Only edges between neighbouring layers: a line within one column would run through its nodes.
  const adjacent = (a: number, b: number): boolean =>
    Math.abs(a - b) === 1 && (a === 0 || b === 0 || Math.sign(a) === Math.sign(b));
  const edges = new Map<string, { from: string; to: string; types: string[] }>();
  for (const { ref } of nodes) {
    for (const relation of forwardRelations(ref, root, lookup)) {
      const from = included.get(relation.from);
      const to = included.get(relation.to);
      if (from === undefined || to === undefined || !adjacent(from, to)) {
        continue;
      }
      const key = `${relation.from}\n${relation.to}`;
      const edge = edges.get(key) ?? { from: relation.from, to: relation.to, types: [] };
      if (!edge.types.includes(relation.type)) {
        edge.types.push(relation.type);
      }
      edges.set(key, edge);
    }
  }
  const reachable =
    new Set([...outgoing.found.keys(), ...incoming.found.keys()]).size +
    Math.max(0, outgoing.total - outgoing.found.size) +
    Math.max(0, incoming.total - incoming.found.size);
  return { nodes, edges: [...edges.values()], omitted: Math.max(0, reachable - (nodes.length - 1)) };
}
