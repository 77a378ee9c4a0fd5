import * as path from 'node:path';
import type { CatalogEntityRecord } from '../catalog';
import { findingRange, type CheckSeverity, type ScorecardCheck, type ScorecardEngine } from '../scorecards';

/** `greenroom check --format json`: the shape the README documents. */
export interface CheckReport {
  readonly checks: { id: string; title: string; severity: CheckSeverity }[];
  readonly results: {
    check: string;
    entity: string;
    passed: boolean;
    file: string;
    line: number;
    column: number;
    message: string;
  }[];
  readonly scores: { entity: string; passed: number; total: number }[];
}

/** Scorecards of the workspace entities under `root`, with files relative to it (POSIX) and 1-based lines. */
export function buildCheckReport(
  root: string,
  records: readonly CatalogEntityRecord[],
  engine: ScorecardEngine,
): CheckReport {
  const relative = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  const results: CheckReport['results'] = [];
  const scores: CheckReport['scores'] = [];
  for (const record of [...records].sort((a, b) => a.ref.localeCompare(b.ref))) {
    const card = engine.scorecard(record.ref);
    if (!card || card.total === 0) {
      continue;
    }
    scores.push({ entity: record.ref, passed: card.passed, total: card.total });
    for (const { check, outcome } of card.results) {
      const range = findingRange(record, outcome);
      results.push({
        check: check.id,
        entity: record.ref,
        passed: outcome.passed,
        file: relative(record.file),
        line: range.start.line + 1,
        column: range.start.column + 1,
        message: outcome.message,
      });
    }
  }
  return {
    checks: engine.activeChecks.map((check) => ({ id: check.id, title: check.title, severity: check.severity })),
    results,
    scores,
  };
}

const SARIF_LEVELS: Record<CheckSeverity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per check (its description as help) and one
 * result per failing check, at the file and line of the finding.
 */
export function checkReportToSarif(report: CheckReport, checks: readonly ScorecardCheck[]): Record<string, unknown> {
  const ruleIndex = new Map(checks.map((check, position) => [check.id, position]));
  const severityOf = new Map(checks.map((check) => [check.id, check.severity]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Greenroom',
            rules: checks.map((check) => ({
              id: check.id,
              name: check.id.replace(/(^|[-_.])([a-z0-9])/gi, (_match: string, _separator: string, letter: string) =>
                letter.toUpperCase(),
              ),
              shortDescription: { text: check.title },
              fullDescription: { text: check.description || check.title },
              help: { text: check.description || check.title, markdown: `**${check.title}**\n\n${check.description}` },
              defaultConfiguration: { level: SARIF_LEVELS[check.severity] },
              properties: { tags: ['scorecard', check.origin.type] },
            })),
          },
        },
        results: report.results
          .filter((result) => !result.passed)
          .map((result) => ({
            ruleId: result.check,
            ruleIndex: ruleIndex.get(result.check) ?? 0,
            level: SARIF_LEVELS[severityOf.get(result.check) ?? 'warning'],
            message: { text: `${result.entity}: ${result.message}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(result.file) },
                  region: { startLine: result.line, startColumn: result.column },
                },
              },
            ],
            partialFingerprints: { 'greenroomFinding/v1': `${result.check}:${result.entity}` },
          })),
      },
    ],
  };
}

/** `file:line:column severity message [check] entity`, the form editors and CI logs link. */
export function formatCheckLine(result: CheckReport['results'][number], severity: CheckSeverity): string {
  return `${result.file}:${result.line}:${result.column} ${severity} ${result.message} [${result.check}] ${result.entity}`;
}
