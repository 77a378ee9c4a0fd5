import * as assert from 'node:assert/strict';
import {
  createScorecardPlugin,
  type RemoteScorecardSource,
  type ScorecardRow,
  type ScorecardSummary,
} from '../../../src/plugins/builtin/scorecardPlugin';
import { toEntityView } from '../../../src/plugins/entityView';
import { sanitizeTabHtml } from '../../../src/plugins/sanitizeTabHtml';
import { createTabRenderContext } from '../../../src/plugins/tabRenderContext';
import { escapeMarkdown, markdownCodeSpan } from '../../../src/shared/markdownEscape';
import { component, documents, indexOf, recordOf } from '../support/indexFixtures';
import { openingTags } from '../docs/htmlInspection';

const row = (id: string, passed: boolean, extra: Partial<ScorecardRow> = {}): ScorecardRow => ({
  id,
  title: `Title ${id}`,
  description: `Why ${id}`,
  severity: 'warning',
  passed,
  message: `Message ${id}`,
  line: 4,
  origin: 'built-in',
  fixable: false,
  ...extra,
});

async function render(
  summary: ScorecardSummary | undefined,
): Promise<{ html: string; hover: string; applies: boolean }> {
  const index = await indexOf({ 'a.yaml': documents(component('svc', ['  owner: team-a'])) });
  const view = toEntityView(index, recordOf(index, 'component:default/svc'));
  const plugin = createScorecardPlugin({ scorecardOf: () => summary });
  const tab = plugin.entityTabs?.[0];
  assert.ok(tab);
  const html = sanitizeTabHtml(
    await tab.render(
      view,
      createTabRenderContext(index, undefined, () => undefined),
    ),
  );
  const hover = plugin.hoverSections?.[0]?.render(view, { escape: escapeMarkdown, codeSpan: markdownCodeSpan }) ?? '';
  return { html, hover, applies: tab.appliesTo(view) };
}

describe('Scorecard tab', () => {
  it('shows the score, failing checks first with why and where, passing ones after', async () => {
    const { html, applies } = await render({
      passed: 1,
      total: 3,
      rows: [row('ok', true), row('bad', false, { fixable: true }), row('worse', false, { severity: 'error' })],
    });
    assert.equal(applies, true);
    assert.match(html, /Scorecard <span class="score-total">1\/3<\/span>/);
    const order = ['Title bad', 'Title worse', 'Title ok'].map((title) => html.indexOf(title));
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
    );
    assert.ok(order.every((position) => position > 0));
    assert.match(html, /data-line="4"/);
    assert.match(html, /quick fix in the editor/);
    assert.ok(!html.includes('Why ok'), 'how-to-fix text only for failing checks');
  });

  it('escapes what checks files and plugins wrote', async () => {
    const { html, hover } = await render({
      passed: 0,
      total: 1,
      rows: [
        row('x', false, {
          title: '<img src=x onerror=alert(1)>',
          message: '<script>alert(1)</script>',
          description: '"><b>bold</b>',
        }),
      ],
    });
    assert.deepEqual(
      openingTags(html).filter((tag) => ['img', 'script', 'b'].includes(tag.name)),
      [],
    );
    assert.match(html, /&lt;img src=x/);
    assert.ok(!/(^|[^\\])<img/.test(hover), hover);
    assert.match(hover, /^\*\*Scorecard 0\/1\*\* · failing: /);
  });

  it('does not apply when no check does', async () => {
    assert.equal((await render({ passed: 0, total: 0, rows: [] })).applies, false);
    assert.equal((await render(undefined)).applies, false);
  });

  describe('on a remote entity', () => {
    async function renderRemote(
      summary: ScorecardSummary | undefined,
      remote: RemoteScorecardSource,
    ): Promise<{ html: string; applies: boolean }> {
      const index = await indexOf({ 'a.yaml': documents(component('svc', ['  owner: team-a'])) });
      const view = {
        ...toEntityView(index, recordOf(index, 'component:default/svc')),
        origin: { type: 'registry' as const, label: 'corp' },
        file: undefined,
        line: undefined,
      };
      const tab = createScorecardPlugin({ scorecardOf: () => summary }, remote).entityTabs?.[0];
      assert.ok(tab);
      return {
        html: sanitizeTabHtml(
          await tab.render(
            view,
            createTabRenderContext(index, undefined, () => undefined),
          ),
        ),
        applies: tab.appliesTo(view),
      };
    }

    it('lists the registry results beside the local ones, marked as from the registry', async () => {
      const { html, applies } = await renderRemote(
        { passed: 1, total: 1, rows: [row('local', true)] },
        {
          remoteScorecardOf: () =>
            Promise.resolve({
              state: 'results',
              registry: 'corp',
              results: [{ id: 'descriptionCheck', name: 'Description <Check>', description: 'Has one', passed: false }],
            }),
        },
      );
      assert.equal(applies, true);
      assert.match(html, /Scorecard <span class="score-total">1\/2<\/span>/);
      assert.match(html, /Description &lt;Check&gt;/);
      assert.match(html, /registry corp · Tech Insights/);
      assert.match(html, /source repository/);
    });

    it('says so when the backend has no Tech Insights, and survives a source that throws', async () => {
      const unavailable = await renderRemote(undefined, {
        remoteScorecardOf: () => Promise.resolve({ state: 'unavailable', registry: 'corp' }),
      });
      assert.equal(unavailable.applies, true);
      assert.match(unavailable.html, /Registry corp does not serve Tech Insights/);
      const thrown = await renderRemote(
        { passed: 1, total: 1, rows: [row('local', true)] },
        { remoteScorecardOf: () => Promise.reject(new Error('socket <hang> up')) },
      );
      assert.match(thrown.html, /could not be read: socket &lt;hang&gt; up/);
      assert.match(thrown.html, /Title local/);
    });
  });
});
