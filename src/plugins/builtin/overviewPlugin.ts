import { entityAnnotations, entityDescription, entityLinks } from '../../catalog/entityDisplay';
import type { EntityView, GreenroomPlugin, TabRenderContext } from '../pluginTypes';
import { locationTargetsCard } from './locationTargets';
import { relationCards } from './relationCards';
import { GRAPH_ANCHOR, relationsGraphSvg } from './relationsGraph';

function about(entity: EntityView, context: TabRenderContext): string {
  const spec = (entity.entity.spec ?? {}) as Record<string, unknown>;
  const rows: [string, string][] = [];
  const description = entityDescription(entity.entity);
  if (description !== undefined) {
    rows.push(['Description', context.escape(description)]);
  }
  for (const field of ['type', 'lifecycle']) {
    if (typeof spec[field] === 'string') {
      rows.push([field === 'type' ? 'Type' : 'Lifecycle', context.escape(spec[field])]);
    }
  }
  rows.push(['Namespace', context.escape(entity.namespace)]);
  for (const [key, value] of entityAnnotations(entity.entity).slice(0, 12)) {
    rows.push([context.escape(key), context.escape(value)]);
  }
  const source = entity.file
    ? `<a href="#" data-file="${context.escape(entity.file)}" data-line="${entity.line ?? 1}">${context.escape(entity.file.split(/[\\/]/).slice(-3).join('/'))}:${entity.line ?? 1}</a>`
    : context.escape(`served by ${entity.origin.label}`);
  rows.push(['Source', source]);
  return `<section class="card about"><h2>About</h2><dl>${rows.map(([label, value]) => `<dt>${label}</dt><dd>${value}</dd>`).join('')}</dl></section>`;
}

function links(entity: EntityView, context: TabRenderContext): string {
  const entries = entityLinks(entity.entity).filter((link) => /^(https?:|mailto:)/i.test(link.url));
  if (entries.length === 0) {
    return '';
  }
  const items = entries.map(
    (link) =>
      `<li>${context.externalLink(link.url, link.title ?? link.url)}${link.type ? ` <span class="relation-type">${context.escape(link.type)}</span>` : ''}</li>`,
  );
  return `<section class="card"><h2>Links</h2><ul>${items.join('')}</ul></section>`;
}

function problems(entity: EntityView, context: TabRenderContext): string {
  if (entity.problems.length === 0) {
    return '';
  }
  const items = entity.problems.map((problem) => {
    // A registry's entity has no file: its problems have no line to point at.
    const where = entity.file
      ? ` (<a href="#" data-file="${context.escape(entity.file)}" data-line="${problem.line}">line ${problem.line}</a>)`
      : '';
    return `<li class="problem ${problem.severity}">${context.escape(problem.severity)}: ${context.escape(problem.message)}${where}</li>`;
  });
  return `<section class="card"><h2>Problems</h2><ul>${items.join('')}</ul></section>`;
}

/** The Overview tab every entity has: about, links, relations (list and graph), problems. */
export const overviewPlugin: GreenroomPlugin = {
  id: 'greenroom.overview',
  displayName: 'Overview',
  entityTabs: [
    {
      id: 'overview',
      title: 'Overview',
      order: 0,
      appliesTo: () => true,
      render: (entity, context) =>
        `<div class="cards">${about(entity, context)}${links(entity, context)}${locationTargetsCard(entity, context)}${problems(entity, context)}${relationCards(entity, context)}</div>
<section class="card graph-card" id="${GRAPH_ANCHOR}"><h2>Relations graph</h2>${relationsGraphSvg(entity, context)}</section>`,
    },
  ],
};
