import {
  entityLabel,
  entityLifecycle,
  entityTags,
  entityType,
  humanizeEntityRef,
  ownerRefOf,
  referenceTargetOf,
  type CatalogEntityRecord,
  type CatalogIndex,
} from '../../catalog';
import { escapeHtml } from '../../shared/htmlEscape';

/** An existing entity by the name people know it by (its title), its ref on hover; a missing one by its ref. */
function refLink(index: CatalogIndex, ref: string, defaultKind: string): string {
  const record = index.get(ref);
  return record
    ? `<a href="#" data-entity-ref="${escapeHtml(ref)}" title="${escapeHtml(ref)}">${escapeHtml(entityLabel(record))}</a>`
    : `<span class="missing" title="not in the catalog">${escapeHtml(humanizeEntityRef(ref, { defaultKind }))}</span>`;
}

export interface HeaderAction {
  readonly title: string;
  readonly command: string;
  readonly args: readonly unknown[];
}

/** The entity page header: what it is, who owns it, where it belongs, and its actions. */
export function entityHeaderHtml(
  index: CatalogIndex,
  record: CatalogEntityRecord,
  title: string,
  actions: readonly HeaderAction[],
  backstageUrl: string | undefined,
): string {
  const facts: string[] = [`<span class="chip kind">${escapeHtml(record.entity.kind)}</span>`];
  const type = entityType(record);
  if (type) {
    facts.push(`<span class="chip">${escapeHtml(type)}</span>`);
  }
  const lifecycle = entityLifecycle(record);
  if (lifecycle) {
    facts.push(`<span class="chip lifecycle-${escapeHtml(lifecycle)}">${escapeHtml(lifecycle)}</span>`);
  }
  if (record.origin.type !== 'workspace') {
    facts.push(`<span class="chip remote" title="served by a remote registry">remote</span>`);
  }
  const owner = ownerRefOf(record);
  const system = referenceTargetOf(record, 'spec.system');
  const meta: string[] = [];
  if (owner) {
    meta.push(`<span class="meta"><span class="label">Owner</span> ${refLink(index, owner, 'group')}</span>`);
  }
  if (system) {
    meta.push(`<span class="meta"><span class="label">System</span> ${refLink(index, system, 'system')}</span>`);
  }
  const tags = entityTags(record.entity)
    .map((tag) => `<span class="tag">#${escapeHtml(tag)}</span>`)
    .join(' ');
  const buttons = actions.map(
    (action) =>
      `<vscode-button secondary data-command="${escapeHtml(action.command)}" data-args="${escapeHtml(JSON.stringify(action.args))}">${escapeHtml(action.title)}</vscode-button>`,
  );
  if (backstageUrl) {
    buttons.push(`<vscode-button secondary data-href="${escapeHtml(backstageUrl)}">Open in Backstage</vscode-button>`);
  }
  return `<header class="entity-header">
<div class="title-row"><h1>${escapeHtml(title)}</h1>${facts.join('')}</div>
<div class="ref">${escapeHtml(record.ref)}</div>
<div class="meta-row">${meta.join('')}${tags ? `<span class="meta">${tags}</span>` : ''}</div>
<div class="actions">${buttons.join('')}</div>
</header>`;
}
