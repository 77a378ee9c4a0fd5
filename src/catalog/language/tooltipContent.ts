import { originLabel, type CatalogEntityRecord } from '../catalogEntity';
import { entityDescription, entityLabel, entitySummary, entityTags } from '../entityDisplay';
import { humanizeEntityRef } from '../entityRefs';
import { ownerRefOf } from '../referenceTargets';
import { escapeMarkdown, markdownCodeSpan } from '../../shared/markdownEscape';

/**
 * The editor's own words (localized there, Markdown-safe, shown as written) and how it shows a
 * file path. Values passed into them are escaped first.
 */
export interface TooltipLabels {
  readonly owner: string;
  /** Why an invalid workspace entity is marked, and where to look. */
  readonly hasErrors: string;
  /** The same for an entity from a registry or URL, which has no Problems-panel entry. */
  readonly rejectedByBackstage: string;
  fromUrl(url: string): string;
  fromRegistry(name: string): string;
  relativePath(file: string): string;
}

/**
 * The tooltip of a tree item: what it is, who owns it, where it is written. Every piece of
 * entity data goes through the Markdown escaper; only our own `$(icon)`s are Markdown.
 */
export function entityTooltipMarkdown(record: CatalogEntityRecord, labels: TooltipLabels): string {
  const parts = [`**${escapeMarkdown(entityLabel(record))}** — ${markdownCodeSpan(record.ref)}`];
  const summary = entitySummary(record);
  if (summary) {
    parts.push(escapeMarkdown(summary));
  }
  const description = entityDescription(record.entity);
  if (description !== undefined) {
    parts.push(escapeMarkdown(description));
  }
  const owner = ownerRefOf(record);
  if (owner) {
    parts.push(`$(account) ${labels.owner}: ${markdownCodeSpan(humanizeEntityRef(owner))}`);
  }
  const tags = entityTags(record.entity);
  if (tags.length > 0) {
    parts.push(`$(tag) ${tags.map((tag) => markdownCodeSpan(tag)).join(' ')}`);
  }
  if (record.origin.type === 'workspace') {
    parts.push(`$(file) ${escapeMarkdown(`${labels.relativePath(record.file)}:${record.range.start.line + 1}`)}`);
  } else {
    parts.push(
      `$(cloud) ${record.origin.type === 'url' ? labels.fromUrl(escapeMarkdown(record.origin.url)) : labels.fromRegistry(escapeMarkdown(originLabel(record.origin)))}`,
    );
  }
  if (!record.valid) {
    parts.push(`$(error) ${record.origin.type === 'workspace' ? labels.hasErrors : labels.rejectedByBackstage}`);
  }
  return parts.join('\n\n');
}
