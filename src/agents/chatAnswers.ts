import { escapeMarkdown, markdownCodeSpan } from '../shared/markdownEscape';

/** `vscode.l10n.t` in the editor; `formatMessage` in tests and the CLI. */
export type Localize = (message: string, ...args: (string | number)[]) => string;

/** Fills `{0}`, `{1}`… as `vscode.l10n.t` does. */
export const formatMessage: Localize = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => String(args[Number(index)] ?? whole));

/**
 * A Markdown link destination that opens an entity (a trusted `command:` URI in the editor), fully
 * percent-encoded so no character of the ref can end the link; undefined: plain text.
 */
export type EntityLink = (ref: string) => string | undefined;

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asList(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map(asRecord) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function code(value: unknown): string {
  return markdownCodeSpan(text(value));
}

function refMarkdown(ref: unknown, link: EntityLink): string {
  const destination = link(text(ref));
  return destination ? `[${code(ref)}](${destination})` : code(ref);
}

/** `/owner`: the governing entity, its owner and members, and the CODEOWNERS rule. */
export function ownerAnswer(output: Record<string, unknown>, t: Localize, link: EntityLink): string {
  const lines: string[] = [];
  const entity = asRecord(output['entity']);
  const owner = asRecord(output['owner']);
  if (entity['ref']) {
    const where = entity['file'] ? ` (${code(`${text(entity['file'])}:${text(entity['line'])}`)})` : '';
    lines.push(t('{0} belongs to {1}{2}.', code(output['path']), refMarkdown(entity['ref'], link), where));
  }
  if (owner['ref']) {
    const title = owner['title'] ? ` — ${escapeMarkdown(text(owner['title']))}` : '';
    const email = owner['email'] ? ` <${escapeMarkdown(text(owner['email']))}>` : '';
    lines.push(t('**Owner:** {0}{1}{2}', refMarkdown(owner['ref'], link), title, email));
    if (owner['inCatalog'] === false) {
      lines.push(t('The owner is not in the catalog.'));
    }
    const members = asList(owner['members']);
    if (members.length > 0) {
      lines.push(
        t(
          '**Members:** {0}',
          members
            .map(
              (member) =>
                `${refMarkdown(member['ref'], link)}${member['displayName'] ? ` (${escapeMarkdown(text(member['displayName']))})` : ''}`,
            )
            .join(', '),
        ),
      );
    }
  }
  const codeowners = asRecord(output['codeowners']);
  if (codeowners['file']) {
    const owners = Array.isArray(codeowners['owners']) ? codeowners['owners'].map(code).join(' ') : '';
    lines.push(
      t(
        '**CODEOWNERS:** {0} at {1}: {2}',
        code(codeowners['pattern']),
        code(`${text(codeowners['file'])}:${text(codeowners['line'])}`),
        owners,
      ),
    );
  }
  return lines.join('\n\n');
}

function reachedList(nodes: Record<string, unknown>[], link: EntityLink, t: Localize): string {
  return nodes
    .map((node) => {
      const entity = asRecord(node['entity']);
      const via = asRecord(node['via']);
      const owner = entity['owner'] ? t(', owner {0}', code(entity['owner'])) : '';
      const missing = node['entity'] ? '' : t(' (not in the catalog)');
      return `${'  '.repeat(Math.max(0, Number(node['distance']) - 1))}- ${refMarkdown(node['ref'], link)} — ${code(via['type'])} ${t('of')} ${code(via['from'])}${owner}${missing}`;
    })
    .join('\n');
}

/** `/deps`: what the entity depends on and what depends on it. */
export function dependenciesAnswer(output: Record<string, unknown>, t: Localize, link: EntityLink): string {
  const parts = [t('**{0}**', refMarkdown(output['ref'], link))];
  const dependencies = asList(output['dependencies']);
  const dependents = asList(output['dependents']);
  parts.push(
    dependents.length > 0
      ? `${t('**Depends on it** (what a change can break):')}\n${reachedList(dependents, link, t)}`
      : t('Nothing in the catalog depends on it.'),
  );
  parts.push(
    dependencies.length > 0
      ? `${t('**It depends on:**')}\n${reachedList(dependencies, link, t)}`
      : t('It depends on nothing in the catalog.'),
  );
  if (output['truncated'] === true) {
    parts.push(t('The list was cut short; ask for less depth.'));
  }
  return parts.join('\n\n');
}

/** `/docs`: hits with their page, entity and snippet. */
export function docsAnswer(output: Record<string, unknown>, query: string, t: Localize, link: EntityLink): string {
  const hits = asList(output['hits']);
  if (hits.length === 0) {
    return t('No TechDocs page mentions {0} ({1} sites searched).', code(query), Number(output['sitesSearched'] ?? 0));
  }
  // Snippets carry **bold** hits made by search-docs; the rest of the text is escaped.
  const snippet = (value: unknown): string =>
    text(value)
      .split('**')
      .map((part, index) => (index % 2 === 1 ? `**${escapeMarkdown(part)}**` : escapeMarkdown(part)))
      .join('');
  return hits
    .map(
      (hit) =>
        `- **${escapeMarkdown(text(hit['title']))}** — ${refMarkdown(hit['ref'], link)}, ${code(hit['file'] ?? hit['page'])}\n  ${snippet(hit['snippet'])}`,
    )
    .join('\n');
}

/** `/validate`: the verdict and each problem with its position. */
export function validationAnswer(output: Record<string, unknown>, file: string, t: Localize): string {
  const problems = asList(output['problems']);
  const verdict =
    output['isValid'] === true
      ? t('{0} is valid.', code(file))
      : output['isValidYaml'] === false
        ? t('{0} is not valid YAML.', code(file))
        : t('{0} is not a valid catalog entity.', code(file));
  const lines = problems.map(
    (problem) =>
      `- ${code(`${text(problem['line'])}:${text(problem['column'])}`)} **${escapeMarkdown(text(problem['severity']))}** ${escapeMarkdown(text(problem['message']))}`,
  );
  return [verdict, ...(lines.length > 0 ? [lines.join('\n')] : [])].join('\n\n');
}
