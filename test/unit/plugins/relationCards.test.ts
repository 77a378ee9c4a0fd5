import * as assert from 'node:assert/strict';
import { relationCards } from '../../../src/plugins/builtin/relationCards';
import { toEntityView } from '../../../src/plugins/entityView';
import { createTabRenderContext } from '../../../src/plugins/tabRenderContext';
import { api, component, documents, group, indexOf, recordOf } from '../support/indexFixtures';

/** Card → heading → entity labels, read back from the HTML. */
function cardsOf(html: string): Record<string, Record<string, string[]>> {
  const cards: Record<string, Record<string, string[]>> = {};
  for (const card of html.split('<section class="card relations">').slice(1)) {
    const title = /<h2>([^<]*)<\/h2>/.exec(card)?.[1] ?? '?';
    const headings: Record<string, string[]> = {};
    for (const part of card.split('<h3>').slice(1)) {
      const heading = part.slice(0, part.indexOf('</h3>'));
      headings[heading] = [...part.matchAll(/data-entity-ref="([^"]*)"/g)].map((match) => match[1] ?? '');
    }
    cards[title] = headings;
  }
  return cards;
}

describe('relation cards on the Overview', () => {
  it('lists each neighbour once, under what it is to this entity, in natural order', async () => {
    const index = await indexOf({
      'catalog-info.yaml': documents(
        component('svc', [
          '  owner: team-a',
          '  dependsOn: [component:lib-10, component:lib-2]',
          '  providesApis: [svc-api]',
        ]),
        component('lib-2', ['  owner: team-a']),
        component('lib-10', ['  owner: team-a']),
        api('svc-api', ['  owner: team-a']),
        group('team-a'),
      ),
    });
    const context = createTabRenderContext(index, undefined, () => undefined);
    const svc = cardsOf(relationCards(toEntityView(index, recordOf(index, 'component:default/svc')), context));
    assert.deepEqual(svc, {
      Ownership: { Owner: ['group:default/team-a'] },
      Dependencies: { 'Depends on': ['component:default/lib-2', 'component:default/lib-10'] },
      APIs: { Provides: ['api:default/svc-api'] },
    });
    const lib = cardsOf(relationCards(toEntityView(index, recordOf(index, 'component:default/lib-2')), context));
    assert.deepEqual(lib['Dependencies'], { 'Dependency of': ['component:default/svc'] });
  });

  it('says so when there are none', async () => {
    const index = await indexOf({ 'catalog-info.yaml': documents(group('lonely')) });
    const html = relationCards(
      toEntityView(index, recordOf(index, 'group:default/lonely')),
      createTabRenderContext(index, undefined, () => undefined),
    );
    assert.match(html, /No relations\./);
  });
});
