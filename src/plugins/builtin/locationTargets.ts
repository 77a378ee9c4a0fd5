import type { EntityView, TabRenderContext } from '../pluginTypes';

function targetsOf(entity: EntityView): string[] {
  const spec = (entity.entity.spec ?? {}) as Record<string, unknown>;
  const single = typeof spec['target'] === 'string' ? [spec['target']] : [];
  const many = Array.isArray(spec['targets'])
    ? spec['targets'].filter((target): target is string => typeof target === 'string')
    : [];
  return [...single, ...many];
}

/**
 * A Location's page lists its targets and, under each, the problems that name it — why a file
 * was not read or a URL not fetched — so the page answers "what does this Location bring in?".
 */
export function locationTargetsCard(entity: EntityView, context: TabRenderContext): string {
  if (entity.kind.toLowerCase() !== 'location') {
    return '';
  }
  const targets = targetsOf(entity);
  if (targets.length === 0) {
    return `<section class="card"><h2>Targets</h2><p class="notice">No target or targets in spec.</p></section>`;
  }
  const items = targets.map((target) => {
    const label = /^https?:\/\//i.test(target)
      ? context.externalLink(target, target)
      : `<code>${context.escape(target)}</code>`;
    const problems = entity.problems.filter((problem) => problem.message.includes(target));
    const status =
      problems.length > 0
        ? `<ul>${problems.map((problem) => `<li class="problem ${context.escape(problem.severity)}">${context.escape(problem.message)}</li>`).join('')}</ul>`
        : ' <span class="relation-type">read</span>';
    return `<li>${label}${status}</li>`;
  });
  return `<section class="card"><h2>Targets</h2><ul>${items.join('')}</ul></section>`;
}
