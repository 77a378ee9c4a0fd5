import { entityLabel, resolveEntityRef, type CatalogIndex } from '../../catalog';
import { OTHER_CATEGORY, type TemplateCard } from '../../shared/createPageProtocol';
import type { TemplateChoice } from '../scaffold/templateSources';

/** The owner as people know it: the owning entity's title when the catalog has it. */
function ownerLabel(index: CatalogIndex, owner: string | undefined): string {
  if (owner === undefined) {
    return '';
  }
  const resolved = resolveEntityRef(owner, { defaultKind: 'group', defaultNamespace: 'default' });
  const record = resolved.ok ? index.get(resolved.ref) : undefined;
  return record ? entityLabel(record) : owner;
}

/** One card per template, in the host's order: a card's id is its position in `templates`. */
export function templateCards(templates: readonly TemplateChoice[], index: CatalogIndex): TemplateCard[] {
  return templates.map((template, id) => ({
    id,
    title: template.title,
    description: template.description ?? '',
    category: template.type ?? OTHER_CATEGORY,
    tags: template.tags,
    owner: ownerLabel(index, template.owner),
    source: template.source === 'registry' ? (template.registry ?? 'registry') : template.source,
    runnable: template.file !== undefined,
  }));
}
