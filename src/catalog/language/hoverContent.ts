import type { CatalogEntityRecord } from '../catalogEntity';
import type { CatalogIndex } from '../catalogIndex';
import {
  entityAnnotation,
  entityDescription,
  entityLabel,
  entityLifecycle,
  entityLinks,
  entityTags,
  entityType,
} from '../entityDisplay';
import { humanizeEntityRef } from '../entityRefs';
import { suggestSimilarRefs } from '../refSuggestions';
import { ownerRefOf, referenceTargetOf } from '../referenceTargets';
import { escapeMarkdown, markdownCodeSpan, markdownLinkDestination } from '../../shared/markdownEscape';
import { Commands } from '../../shared/commands';

/** Builds `command:` links; the editor adapter decides how (and trusts only these commands). */
export type CommandLink = (command: string, args: readonly unknown[]) => string;

function refLink(index: CatalogIndex, ref: string, link: CommandLink, defaultKind?: string): string {
  const shown = markdownCodeSpan(humanizeEntityRef(ref, defaultKind ? { defaultKind } : {}));
  return index.has(ref) ? `[${shown}](${link(Commands.openEntity, [ref])})` : `${shown} _(not in catalog)_`;
}

const SAFE_URL = /^(https?:|mailto:)/i;

/**
 * The hover card of an entity: what it is, who owns it, what it belongs to, its links, and
 * actions. Pure: the same text in the editor, in tests and in benchmarks.
 */
export function entityHoverMarkdown(
  index: CatalogIndex,
  record: CatalogEntityRecord,
  link: CommandLink,
  extraSections: readonly string[] = [],
): string {
  const lines: string[] = [];
  const facts = [record.entity.kind, entityType(record), entityLifecycle(record)].filter(
    (part): part is string => typeof part === 'string' && part.length > 0,
  );
  lines.push(`**${escapeMarkdown(entityLabel(record))}** · ${facts.map(escapeMarkdown).join(' · ')}`);
  lines.push('');
  lines.push(markdownCodeSpan(record.ref));
  const description = entityDescription(record.entity);
  if (description !== undefined) {
    lines.push('', escapeMarkdown(description.trim()));
  }
  const facts2: string[] = [];
  const owner = ownerRefOf(record);
  if (owner) {
    facts2.push(`$(account) Owner: ${refLink(index, owner, link, 'group')}`);
  }
  const system = referenceTargetOf(record, 'spec.system');
  if (system) {
    facts2.push(`$(server-environment) System: ${refLink(index, system, link, 'system')}`);
  }
  const tags = entityTags(record.entity);
  if (tags.length > 0) {
    facts2.push(`$(tag) ${tags.map((tag) => markdownCodeSpan(tag)).join(' ')}`);
  }
  if (facts2.length > 0) {
    lines.push('', facts2.join('  \n'));
  }
  const links = entityLinks(record.entity).flatMap((entry) => {
    const destination = SAFE_URL.test(entry.url) ? markdownLinkDestination(entry.url) : undefined;
    return destination ? [`[$(link-external) ${escapeMarkdown(entry.title ?? entry.url)}](${destination})`] : [];
  });
  if (links.length > 0) {
    lines.push('', links.join(' · '));
  }
  lines.push(...extraSections.map((section) => `\n${section}`));
  const actions = [`[$(preview) Open entity](${link(Commands.openEntity, [record.ref])})`];
  if (entityAnnotation(record.entity, 'backstage.io/techdocs-ref')) {
    actions.push(`[$(book) Open docs](${link(Commands.openDocs, [record.ref])})`);
  }
  actions.push(`[$(go-to-file) Open descriptor](${link(Commands.openDescriptor, [record.ref])})`);
  actions.push(`[$(copy) Copy ref](${link(Commands.copyEntityRef, [record.ref])})`);
  lines.push('', '---', '', actions.join(' · '));
  return lines.join('\n');
}

/** The hover of a ref that resolves to nothing: say so, and offer the closest known entities. */
export function unknownRefHoverMarkdown(
  index: CatalogIndex,
  ref: string,
  targetKinds: readonly string[],
  link: CommandLink,
): string {
  const lines = [`$(warning) ${markdownCodeSpan(ref)} is not in the catalog.`];
  const suggestions = suggestSimilarRefs(index, ref, targetKinds);
  if (suggestions.length > 0) {
    lines.push(
      '',
      `Did you mean ${suggestions.map((suggestion) => refLink(index, suggestion.record.ref, link)).join(', ')}?`,
    );
  }
  return lines.join('\n');
}
