import type { CatalogIndex } from '../catalog/catalogIndex';
import { toEntityView } from './entityView';
import type { TabRenderContext } from './pluginTypes';
import { escapeHtml } from '../shared/htmlEscape';

/** The helpers a tab renders with; links become data-* attributes the panel shell acts on. */
export function createTabRenderContext(
  index: CatalogIndex,
  state: string | undefined,
  resourceUri: (absolutePath: string) => string | undefined,
): TabRenderContext {
  return {
    state,
    getEntity: (ref) => {
      const record = index.get(ref);
      return record ? toEntityView(index, record) : undefined;
    },
    entityLink: (ref, label) => `<a href="#" data-entity-ref="${escapeHtml(ref)}">${escapeHtml(label)}</a>`,
    externalLink: (url, label) =>
      /^(https?:|mailto:)/i.test(url)
        ? `<a href="#" data-href="${escapeHtml(url)}">${escapeHtml(label)}</a>`
        : escapeHtml(label),
    stateLink: (target, label) => `<a href="#" data-tab-state="${escapeHtml(target)}">${escapeHtml(label)}</a>`,
    escape: escapeHtml,
    resourceUri,
  };
}
