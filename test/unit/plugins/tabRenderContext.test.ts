import * as assert from 'node:assert/strict';
import { createTabRenderContext } from '../../../src/plugins/tabRenderContext';
import { component, documents, group, indexOf } from '../support/indexFixtures';
import { openingTags } from '../docs/htmlInspection';

describe('tab render context', () => {
  it('gives plugins read access to the catalog as frozen entity views', async () => {
    const index = await indexOf({
      'catalog-info.yaml': documents(component('a', ['  owner: team-a']), group('team-a')),
    });
    const context = createTabRenderContext(index, 'page:intro', () => undefined);
    assert.equal(context.state, 'page:intro');
    const view = context.getEntity('component:default/a');
    assert.ok(view);
    assert.deepEqual(
      view.relations.outgoing.map((relation) => `${relation.type} ${relation.target}`),
      ['ownedBy group:default/team-a'],
    );
    assert.ok(
      Object.isFrozen(view.entity) && Object.isFrozen(view.entity.metadata),
      'a plugin must not be able to change the descriptor',
    );
    assert.equal(context.getEntity('component:default/missing'), undefined);
  });

  it('builds links whose labels and targets cannot break out of their attribute', async () => {
    const context = createTabRenderContext(await indexOf({}), undefined, () => undefined);
    const hostile = '"><img src=x onerror=alert(1)>';
    for (const html of [
      context.entityLink(hostile, hostile),
      context.externalLink(`https://x.example/${hostile}`, hostile),
      context.stateLink(hostile, hostile),
    ]) {
      const tags = openingTags(html);
      assert.deepEqual(
        tags.map((tag) => tag.name),
        ['a'],
        html,
      );
      assert.ok(html.includes('&lt;img'), html);
    }
  });

  it('links out only for http(s) and mailto; anything else stays plain text', async () => {
    const context = createTabRenderContext(await indexOf({}), undefined, () => undefined);
    assert.match(context.externalLink('mailto:team@example.com', 'mail'), /data-href="mailto:team@example.com"/);
    for (const url of [
      'javascript:alert(1)',
      'command:workbench.action.terminal.new',
      'file:///etc/passwd',
      'vscode://x',
    ]) {
      assert.equal(context.externalLink(url, 'label <b>'), 'label &lt;b&gt;', url);
    }
  });

  it('resource URIs come from the host, which refuses files outside the workspace', async () => {
    const asked: string[] = [];
    const context = createTabRenderContext(await indexOf({}), undefined, (file) => {
      asked.push(file);
      return file.startsWith('/ws/') ? `vscode-resource:${file}` : undefined;
    });
    assert.equal(context.resourceUri('/ws/docs/a.png'), 'vscode-resource:/ws/docs/a.png');
    assert.equal(context.resourceUri('/etc/passwd'), undefined);
    assert.deepEqual(asked, ['/ws/docs/a.png', '/etc/passwd']);
  });
});
