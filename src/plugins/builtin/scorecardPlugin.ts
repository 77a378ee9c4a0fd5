import type { TechInsightsAnswer } from '../../registry/techInsightsClient';
import type { EntityView, GreenroomPlugin, TabRenderContext } from '../pluginTypes';

/** One check's row on the Scorecard tab, computed by the editor from the engine. */
export interface ScorecardRow {
  readonly id: string;
  readonly title: string;
  /** Markdown from the check's author; shown as text. */
  readonly description: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly passed: boolean;
  readonly message: string;
  /** One-based line of the finding in the descriptor. */
  readonly line: number | undefined;
  /** Where the check comes from: built-in, the checks file, or a plugin. */
  readonly origin: string;
  readonly fixable: boolean;
}

export interface ScorecardSummary {
  readonly passed: number;
  readonly total: number;
  readonly rows: readonly ScorecardRow[];
}

/** Where the plugin reads scorecards; the editor answers from its ScorecardEngine. */
export interface ScorecardSource {
  scorecardOf(ref: string): ScorecardSummary | undefined;
}

/** A registry's Tech Insights results for one of its entities, as the tab shows them. */
export type RemoteScorecard =
  | {
      readonly state: 'results';
      readonly registry: string;
      readonly results: readonly {
        readonly id: string;
        readonly name: string;
        readonly description: string;
        readonly passed: boolean;
      }[];
    }
  /** The registry's backend has no Tech Insights. */
  | { readonly state: 'unavailable'; readonly registry: string }
  | { readonly state: 'error'; readonly registry: string; readonly message: string };

/** Scorecards from registries; undefined for an entity no registry serves. Fetched when the tab opens. */
export interface RemoteScorecardSource {
  remoteScorecardOf(ref: string): Promise<RemoteScorecard | undefined>;
}

/** A validated Tech Insights answer as the tab shows it. */
export function remoteScorecardOf(registry: string, answer: TechInsightsAnswer): RemoteScorecard {
  return answer.state === 'unavailable'
    ? { state: 'unavailable', registry }
    : { state: 'results', registry, results: [...answer.results.values()] };
}

/** The origin a registry's rows carry on the tab. */
export function registryRowOrigin(registry: string): string {
  return `registry ${registry} · Tech Insights`;
}

/** The local summary with a registry's Tech Insights results beside it, each row marked as from the registry. */
export function withRemoteRows(
  local: ScorecardSummary | undefined,
  remote: RemoteScorecard | undefined,
): ScorecardSummary {
  const base: ScorecardSummary = local ?? { passed: 0, total: 0, rows: [] };
  if (remote?.state !== 'results') {
    return base;
  }
  const origin = registryRowOrigin(remote.registry);
  const rows: ScorecardRow[] = remote.results.map((result) => ({
    id: `tech-insights:${result.id}`,
    title: result.name,
    description: result.description,
    severity: 'warning',
    passed: result.passed,
    message: result.passed
      ? 'Passed on the registry'
      : "Failed on the registry (fix it in the entity's source repository)",
    line: undefined,
    origin,
    fixable: false,
  }));
  return {
    passed: base.passed + rows.filter((item) => item.passed).length,
    total: base.total + rows.length,
    rows: [...base.rows, ...rows],
  };
}

/** A line under the heading when the registry's results are missing; empty when there is nothing to say. */
function remoteNotice(remote: RemoteScorecard | undefined): string {
  if (remote?.state === 'unavailable') {
    return `Registry ${remote.registry} does not serve Tech Insights, so only Greenroom's own checks are shown.`;
  }
  if (remote?.state === 'error') {
    return `Tech Insights results of registry ${remote.registry} could not be read: ${remote.message}`;
  }
  return '';
}

async function remoteOf(
  remoteSource: RemoteScorecardSource | undefined,
  entity: EntityView,
): Promise<RemoteScorecard | undefined> {
  if (!remoteSource || entity.origin.type !== 'registry') {
    return undefined;
  }
  try {
    return await remoteSource.remoteScorecardOf(entity.ref);
  } catch (error) {
    // Never breaks the tab: the local checks are still shown.
    return {
      state: 'error',
      registry: entity.origin.label,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

function row(entity: EntityView, item: ScorecardRow, context: TabRenderContext): string {
  const mark = item.passed
    ? '<span class="score-mark pass" title="passed" aria-label="passed">✓</span>'
    : `<span class="score-mark fail ${item.severity}" title="${context.escape(item.severity)}" aria-label="failed">✗</span>`;
  const where =
    !item.passed && entity.file && item.line
      ? ` <a class="score-where" data-file="${context.escape(entity.file)}" data-line="${item.line}">line ${item.line}</a>`
      : '';
  const fix = !item.passed && item.fixable ? ' <span class="relation-type">quick fix in the editor</span>' : '';
  const how = item.passed || !item.description ? '' : `<p class="score-how">${context.escape(item.description)}</p>`;
  return `<tr class="${item.passed ? 'score-pass' : 'score-fail'}"><td>${mark}</td><td><strong>${context.escape(item.title)}</strong> <span class="relation-type">${context.escape(item.severity)} · ${context.escape(item.origin)}</span><br><span class="score-message">${context.escape(item.message)}</span>${where}${fix}${how}</td><td class="ref">${context.escape(item.id)}</td></tr>`;
}

/** The Scorecard tab (every check, pass or fail, why and how to fix) and the score on hover cards. */
export function createScorecardPlugin(source: ScorecardSource, remoteSource?: RemoteScorecardSource): GreenroomPlugin {
  return {
    id: 'greenroom.scorecard',
    displayName: 'Scorecard',
    entityTabs: [
      {
        id: 'scorecard',
        title: 'Scorecard',
        order: 25,
        appliesTo: (entity) =>
          (source.scorecardOf(entity.ref)?.total ?? 0) > 0 ||
          (remoteSource !== undefined && entity.origin.type === 'registry'),
        async render(entity, context) {
          const remote = await remoteOf(remoteSource, entity);
          const card = withRemoteRows(source.scorecardOf(entity.ref), remote);
          const notice = remoteNotice(remote);
          const noticeHtml = notice ? `<p class="notice score-remote">${context.escape(notice)}</p>` : '';
          if (card.total === 0) {
            return `<section class="card wide"><h2>Scorecard</h2>${noticeHtml}<p class="notice">No check applies to this entity.</p></section>`;
          }
          const rows = [...card.rows].sort((a, b) => Number(a.passed) - Number(b.passed));
          const failing = card.total - card.passed;
          const where = entity.file
            ? 'fix them in the descriptor (they are also in Problems, with quick fixes where the fix is an edit).'
            : "fix them in the entity's source repository.";
          const summary =
            failing === 0
              ? 'Every check passes.'
              : `${failing} ${failing === 1 ? 'check fails' : 'checks fail'}; ${where}`;
          return `<section class="card wide"><h2>Scorecard <span class="score-total">${card.passed}/${card.total}</span></h2>${noticeHtml}<p class="notice">${context.escape(summary)}</p><table class="scorecard"><thead><tr><th></th><th>Check</th><th>Id</th></tr></thead><tbody>${rows.map((item) => row(entity, item, context)).join('')}</tbody></table></section>`;
        },
      },
    ],
    hoverSections: [
      {
        appliesTo: (entity) => (source.scorecardOf(entity.ref)?.total ?? 0) > 0,
        render(entity, markdown) {
          const card = source.scorecardOf(entity.ref);
          if (!card) {
            return '';
          }
          const failing = card.rows.filter((item) => !item.passed).map((item) => markdown.escape(item.title));
          return `**Scorecard ${card.passed}/${card.total}**${failing.length > 0 ? ` · failing: ${failing.join('; ')}` : ' · every check passes'}`;
        },
      },
    ],
  };
}
