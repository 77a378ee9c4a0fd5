// Scorecards from a registry: a real Backstage backend with Tech Insights (json-rules-engine
// checks over the catalog's own facts) runs its checks for remote entities, and Greenroom's
// Scorecard tab shows each result beside the local checks with the pass/fail the backend gave.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CatalogIndex } from '../../src/catalog';
import {
  createScorecardPlugin,
  remoteScorecardOf,
  withRemoteRows,
  type ScorecardSummary,
} from '../../src/plugins/builtin/scorecardPlugin';
import { toEntityView } from '../../src/plugins/entityView';
import { sanitizeTabHtml } from '../../src/plugins/sanitizeTabHtml';
import { createTabRenderContext } from '../../src/plugins/tabRenderContext';
import { CatalogApiClient, type RegistryConfig } from '../../src/registry/catalogApiClient';
import { RegistrySync } from '../../src/registry/registrySync';
import { TechInsightsCache } from '../../src/registry/techInsightsCache';
import { runTechInsightsChecks } from '../../src/registry/techInsightsClient';
import { checkSet, ScorecardEngine } from '../../src/scorecards';
import {
  httpRequest,
  startBackstage,
  TECH_INSIGHTS_CHECK_IDS,
  type RunningBackstage,
} from '../backstage/backstageServer';

const TOKEN = 'greenroom-tech-insights-token-5b81e0';
const CATALOG = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments, title: Payments, description: Takes payments }
spec: { type: service, lifecycle: production, owner: team-a }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger }
spec: { type: service, lifecycle: production, owner: user:jane }
`;
/** What the backend's facts make of each entity: a group owner, a description, a title. */
const EXPECTED: Record<string, Record<string, boolean>> = {
  'component:default/payments': { groupOwnerCheck: true, descriptionCheck: true, titleCheck: true },
  'component:default/ledger': { groupOwnerCheck: false, descriptionCheck: false, titleCheck: false },
};

/** The backend's own verdicts, read straight from its answer: check id → result. */
async function backendVerdicts(backend: RunningBackstage, ref: string): Promise<Map<string, boolean>> {
  const [kind, rest] = ref.split(':') as [string, string];
  const [namespace, name] = rest.split('/') as [string, string];
  const answer = await httpRequest(
    'POST',
    `${backend.baseUrl}/api/tech-insights/checks/run/${namespace}/${kind}/${name}`,
    { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    '{}',
  );
  assert.equal(answer.status, 200, answer.body.slice(0, 300));
  const items = JSON.parse(answer.body) as { check: { id: string }; result: unknown }[];
  return new Map(
    items.filter((item) => typeof item.result === 'boolean').map((item) => [item.check.id, item.result as boolean]),
  );
}

describe('Tech Insights results of a real Backstage backend in the Scorecard tab', function () {
  this.timeout(300_000);
  let folder: string;
  let backend: RunningBackstage;
  let config: RegistryConfig;
  const index = new CatalogIndex();

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-tech-insights-it-'));
    const file = path.join(folder, 'catalog-info.yaml');
    fs.writeFileSync(file, CATALOG);
    backend = await startBackstage({
      token: TOKEN,
      catalogFiles: [file],
      processingIntervalSeconds: 300,
      techInsights: true,
    });
    await backend.waitForEntityCount(4, 120_000); // the Location, the Group, two Components
    config = { name: 'corp', baseUrl: backend.baseUrl };
    await new RegistrySync(
      index,
      new CatalogApiClient(config, { token: TOKEN, timeoutMs: 20_000, retries: 1 }),
      undefined,
    ).sync();
    // Facts are collected on the retrievers' schedule (every 5 s here): wait for the first run.
    const deadline = Date.now() + 90_000;
    for (;;) {
      const verdicts = await backendVerdicts(backend, 'component:default/payments').catch(
        () => new Map<string, boolean>(),
      );
      if (verdicts.get('descriptionCheck') === true && verdicts.get('groupOwnerCheck') === true) break;
      if (Date.now() > deadline)
        throw new Error(`no facts within 90 s: ${JSON.stringify([...verdicts])}\n${backend.log().slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  });

  after(async () => {
    await backend?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('lists the checks the backend serves', async () => {
    const answer = await httpRequest('GET', `${backend.baseUrl}/api/tech-insights/checks`, {
      authorization: `Bearer ${TOKEN}`,
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(
      (JSON.parse(answer.body) as { id: string }[]).map((check) => check.id).sort(),
      [...TECH_INSIGHTS_CHECK_IDS].sort(),
    );
  });

  for (const ref of Object.keys(EXPECTED)) {
    it(`shows the backend's verdicts for ${ref} beside the local checks, each marked as from the registry`, async () => {
      const verdicts = await backendVerdicts(backend, ref);
      assert.deepEqual(Object.fromEntries(verdicts), EXPECTED[ref], 'the backend judged as its facts say');

      const engine = new ScorecardEngine(index);
      engine.setChecks(checkSet({ files: [], disabledBuiltins: new Set<string>(), pluginChecks: [] }));
      engine.evaluateAll();
      const card = engine.scorecard(ref);
      const local: ScorecardSummary | undefined = card && {
        passed: card.passed,
        total: card.total,
        rows: card.results.map(({ check, outcome }) => ({
          id: check.id,
          title: check.title,
          description: check.description,
          severity: check.severity,
          passed: outcome.passed,
          message: outcome.message,
          line: undefined,
          origin: 'built-in',
          fixable: false,
        })),
      };
      assert.ok(local && local.total > 0, 'the built-in checks apply to the remote entity too');

      // The same path the editor takes: the client (with the catalog's token), the brief cache, the tab.
      const cache = new TechInsightsCache();
      const remoteSource = {
        remoteScorecardOf: async (asked: string) =>
          remoteScorecardOf(config.name, await cache.resultsFor(config, asked, TOKEN)),
      };
      const summary = withRemoteRows(local, await remoteSource.remoteScorecardOf(ref));
      const fromRegistry = summary.rows.filter((row) => row.origin === 'registry corp · Tech Insights');
      assert.deepEqual(
        Object.fromEntries(fromRegistry.map((row) => [row.id.replace(/^tech-insights:/, ''), row.passed])),
        Object.fromEntries(verdicts),
        'same pass/fail as the backend',
      );
      assert.equal(summary.total, local.total + verdicts.size);
      assert.equal(summary.passed, local.passed + [...verdicts.values()].filter(Boolean).length);

      const record = index.get(ref);
      assert.ok(record);
      const tab = createScorecardPlugin({ scorecardOf: () => local }, remoteSource).entityTabs?.[0];
      assert.ok(tab);
      const view = toEntityView(index, record);
      assert.equal(view.origin.type, 'registry');
      const html = sanitizeTabHtml(
        await tab.render(
          view,
          createTabRenderContext(index, undefined, () => undefined),
        ),
      );
      assert.match(html, new RegExp(`score-total">${summary.passed}/${summary.total}<`));
      for (const id of verdicts.keys()) assert.match(html, new RegExp(`tech-insights:${id}`));
    });
  }

  it('refuses a wrong token as unauthorized, not as a missing Tech Insights', async () => {
    await assert.rejects(runTechInsightsChecks(config, 'component:default/payments', { token: 'wrong-token' }), /401/);
  });
});
