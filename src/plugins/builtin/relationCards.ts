import { compareNatural } from '../../catalog/naturalSort';
import type { EntityView, TabRenderContext } from '../pluginTypes';

/**
 * The Overview's relation cards, as Backstage's entity page has them: what the entity depends
 * on and what depends on it, its APIs, its parts, its ownership and group ties. Each relation
 * is shown once: Greenroom stores both directions (A dependsOn B, B dependencyOf A), so the
 * entity's own outgoing relations already say everything its incoming ones would.
 */
interface RelationHeading {
  readonly card: string;
  readonly heading: string;
}

const HEADINGS = new Map<string, RelationHeading>([
  ['dependsOn', { card: 'Dependencies', heading: 'Depends on' }],
  ['dependencyOf', { card: 'Dependencies', heading: 'Dependency of' }],
  ['providesApi', { card: 'APIs', heading: 'Provides' }],
  ['consumesApi', { card: 'APIs', heading: 'Consumes' }],
  ['apiProvidedBy', { card: 'APIs', heading: 'Provided by' }],
  ['apiConsumedBy', { card: 'APIs', heading: 'Consumed by' }],
  ['hasPart', { card: 'Parts', heading: 'Has parts' }],
  ['partOf', { card: 'Parts', heading: 'Part of' }],
  ['ownedBy', { card: 'Ownership', heading: 'Owner' }],
  ['ownerOf', { card: 'Ownership', heading: 'Owns' }],
  ['memberOf', { card: 'Groups', heading: 'Member of' }],
  ['hasMember', { card: 'Groups', heading: 'Members' }],
  ['childOf', { card: 'Groups', heading: 'Parent group' }],
  ['parentOf', { card: 'Groups', heading: 'Child groups' }],
]);

const CARD_ORDER = ['Ownership', 'Dependencies', 'APIs', 'Parts', 'Groups', 'Other relations'];

function entityItem(ref: string, context: TabRenderContext): string {
  const target = context.getEntity(ref);
  return target
    ? `<li>${context.entityLink(ref, target.title)} <span class="relation-type">${context.escape(target.kind)}</span></li>`
    : `<li><span class="missing" title="not in the catalog">${context.escape(ref)}</span></li>`;
}

/** One card per relation family the entity has, with a heading per relation type. */
export function relationCards(entity: EntityView, context: TabRenderContext): string {
  const outgoing = entity.relations.outgoing.map((relation) => ({ type: relation.type, ref: relation.target }));
  // An incoming relation with no outgoing twin (a registry entity's partner that is not here) still shows.
  const shown = new Set(outgoing.map((relation) => relation.ref));
  const unpaired = entity.relations.incoming
    .filter((relation) => !shown.has(relation.source))
    .map((relation) => ({ type: `${relation.type} (from)`, ref: relation.source }));
  const byCard = new Map<string, Map<string, string[]>>();
  for (const { type, ref } of [...outgoing, ...unpaired]) {
    const known = HEADINGS.get(type);
    const card = known?.card ?? 'Other relations';
    const heading = known?.heading ?? type;
    const headings = byCard.get(card) ?? new Map<string, string[]>();
    byCard.set(card, headings.set(heading, [...(headings.get(heading) ?? []), ref]));
  }
  if (byCard.size === 0) {
    return `<section class="card relations"><h2>Relations</h2><p class="notice">No relations.</p></section>`;
  }
  return CARD_ORDER.filter((card) => byCard.has(card))
    .map((card) => {
      const sections = [...(byCard.get(card) ?? new Map<string, string[]>())].map(([heading, refs]) => {
        const items = [...new Set(refs)]
          .sort((a, b) => compareNatural(context.getEntity(a)?.title ?? a, context.getEntity(b)?.title ?? b))
          .map((ref) => entityItem(ref, context));
        return `<h3>${context.escape(heading)}</h3><ul>${items.join('')}</ul>`;
      });
      return `<section class="card relations"><h2>${context.escape(card)}</h2>${sections.join('')}</section>`;
    })
    .join('');
}
