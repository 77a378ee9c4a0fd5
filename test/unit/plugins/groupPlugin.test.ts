import * as assert from 'node:assert/strict';
import { toEntityView } from '../../../src/plugins/entityView';
import { groupPlugin } from '../../../src/plugins/builtin/groupPlugin';
import { sanitizeTabHtml } from '../../../src/plugins/sanitizeTabHtml';
import { createTabRenderContext } from '../../../src/plugins/tabRenderContext';
import { api, component, documents, group, indexOf, recordOf, system, user } from '../support/indexFixtures';
import { openingTags } from '../docs/htmlInspection';

const FILES = {
  'org.yaml': documents(
    group('org', ['  children: [team-a]']),
    group('team-a', [
      '  parent: org',
      '  children: [team-b]',
      '  members: [zoe, bob]',
      '  profile:',
      '    displayName: Team A',
      '    email: team-a@example.com',
    ]),
    group('team-b', ['  members: [carol]']),
    user('zoe', ['  memberOf: [team-a]', '  profile:', '    displayName: Zoë Adams', '    email: zoe@example.com']),
    user('bob', [
      '  memberOf: []',
      '  profile:',
      '    displayName: "<img src=x onerror=alert(1)>"',
      '    email: "bob@example.com\\"><script>x</script>"',
    ]),
    user('carol', ['  memberOf: [team-b]']),
  ),
  'things.yaml': documents(
    // Valid names (Backstage rejects "svc 10", and a rejected entity owns nothing); titles for the natural order.
    component('svc-10', ['  owner: team-a'], { metadata: ['  title: svc 10'] }),
    component('svc-2', ['  owner: group:default/team-a'], { metadata: ['  title: svc 2'] }),
    api('svc-api', ['  owner: team-a']),
    system('audio', ['  owner: team-a']),
    component('other', ['  owner: team-b']),
  ),
};

async function renderFor(ref: string): Promise<string> {
  const index = await indexOf(FILES);
  const view = toEntityView(index, recordOf(index, ref));
  const tab = groupPlugin.entityTabs?.[0];
  assert.ok(tab);
  assert.equal(tab.appliesTo(view), true);
  return sanitizeTabHtml(
    await tab.render(
      view,
      createTabRenderContext(index, undefined, () => undefined),
    ),
  );
}

describe('group page tab', () => {
  it('applies to groups only', async () => {
    const index = await indexOf(FILES);
    assert.equal(
      groupPlugin.entityTabs?.[0]?.appliesTo(toEntityView(index, recordOf(index, 'component:default/other'))),
      false,
    );
    assert.equal(
      groupPlugin.entityTabs?.[0]?.appliesTo(toEntityView(index, recordOf(index, 'user:default/zoe'))),
      false,
    );
  });

  it('lists members by display name with email links, in name order', async () => {
    const html = await renderFor('group:default/team-a');
    assert.match(html, /Members \(2\)/);
    const zoe = html.indexOf('Zoë Adams');
    assert.ok(zoe > 0, html);
    assert.match(html, /data-href="mailto:zoe@example.com"/);
    assert.match(html, /data-entity-ref="user:default\/zoe"/);
  });

  it('shows parent and child groups with member counts', async () => {
    const html = await renderFor('group:default/team-a');
    assert.match(html, /<h3>Parent<\/h3><ul><li><a data-entity-ref="group:default\/org" href="#">org<\/a>/);
    assert.match(
      html,
      /Child groups \(1\)<\/h3><ul><li><a data-entity-ref="group:default\/team-b" href="#">team-b<\/a> <span class="relation-type">1 member<\/span>/,
    );
  });

  it('groups what the team owns by kind, names in natural order', async () => {
    const html = await renderFor('group:default/team-a');
    assert.match(html, /Owns \(4\)/);
    assert.match(html, /<h3>API \(1\)<\/h3>/);
    assert.match(html, /<h3>Component \(2\)<\/h3><ul><li><a[^>]*>svc 2<\/a>.*?<li><a[^>]*>svc 10<\/a>/);
    assert.match(html, /<h3>System \(1\)<\/h3>/);
    assert.doesNotMatch(html, /other/);
  });

  it('keeps hostile profile text as text', async () => {
    const html = await renderFor('group:default/team-a');
    const tags = openingTags(html).map((tag) => tag.name);
    assert.ok(!tags.includes('img') && !tags.includes('script'), tags.join(','));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });

  it('says so when a group has no members and owns nothing', async () => {
    const html = await renderFor('group:default/org');
    assert.match(html, /No members listed/);
    assert.match(html, /Nothing in the catalog names this group as its owner/);
  });
});
