import type { CatalogEntityRecord } from '../catalog/catalogEntity';
import { fieldPathOf } from '../scorecards/fieldPath';
import type { ScorecardCheck } from '../scorecards/scorecardTypes';
import type { EntityView, ScorecardCheckContribution } from './pluginTypes';

const SEVERITIES = new Set(['error', 'warning', 'info']);

/** A plugin's check as the engine runs it: ids qualified by the plugin, entities seen as EntityViews. */
export function pluginScorecardCheck(
  pluginId: string,
  contribution: ScorecardCheckContribution,
  viewOf: (record: CatalogEntityRecord) => EntityView,
): ScorecardCheck {
  const severity = SEVERITIES.has(String(contribution.severity))
    ? (contribution.severity as ScorecardCheck['severity'])
    : 'warning';
  return {
    id: `${pluginId}/${String(contribution.id)}`,
    title: String(contribution.title),
    description: typeof contribution.description === 'string' ? contribution.description : '',
    severity,
    origin: { type: 'plugin', plugin: pluginId },
    appliesTo: (record) => contribution.appliesTo(viewOf(record)) === true,
    evaluate(record) {
      const outcome = contribution.evaluate(viewOf(record));
      const field =
        typeof outcome?.field === 'string' && outcome.field ? fieldPathOf(record.entity, outcome.field) : undefined;
      return {
        passed: outcome?.passed === true,
        message: typeof outcome?.message === 'string' ? outcome.message : String(contribution.title),
        ...(field ? { field } : {}),
      };
    },
  };
}
