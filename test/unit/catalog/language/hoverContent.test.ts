import * as assert from 'node:assert/strict';
import type { CatalogIndex } from '../../../../src/catalog';
import { entityHoverMarkdown, unknownRefHoverMarkdown, type CommandLink } from '../../../../src/catalog/language';
import { component, documents, entityLines, group, indexOf, recordOf, system, user } from '../../support/indexFixtures';

/** A fake command-link builder whose output is easy to assert on. */
const link: CommandLink = (command, args) => `cmd:${command}:${JSON.stringify(args)}`;

describe('hoverContent', () => {
  let index: CatalogIndex;

  before(async () => {
    index = await indexOf({
      'services.yaml': documents(
        component('player', ['  owner: team-audio', '  system: playback'], {
          metadata: [
            '  title: Audio *Player*',
            '  description: "Plays *bold* <script>alert(1)</script> [x](command:evil)"',
            '  tags: [java, grpc]',
            '  links:',
            '    - url: https://docs.example.com/player?a=1&b=2',
            '      title: Docs_Site',
            '    - url: javascript:alert(1)',
            '      title: Evil',
            '    - url: mailto:team@example.com',
            '    - url: HTTP://example.com/a b',
            '      title: Spaced',
            '    - url: file:///etc/passwd',
            '      title: Local',
            '  annotations:',
            '    backstage.io/techdocs-ref: dir:.',
          ],
        }),
        component('bare', ['  owner: user:jdoe']),
        component('search', ['  owner: team-search', '  system: finder'], { metadata: ['  description: "  "'] }),
        entityLines('Group', 'lonely', { spec: ['  type: team', '  children: []'] }),
      ),
      'org.yaml': documents(
        group('team-audio'),
        group('team-playback'),
        group('team-platform'),
        group('team-player'),
        user('jdoe'),
        user('team-playbacks'),
      ),
      'systems.yaml': documents(system('finder', ['  owner: team-audio'])),
    });
  });

  after(() => index.dispose());

  describe('entityHoverMarkdown', () => {
    it('renders the whole card of a rich entity', () => {
      assert.equal(
        entityHoverMarkdown(index, recordOf(index, 'component:default/player'), link),
        [
          '**Audio \\*Player\\*** · Component · service · production',
          '',
          '`component:default/player`',
          '',
          'Plays \\*bold\\* \\<script\\>alert\\(1\\)\\<\\/script\\> \\[x\\]\\(command\\:evil\\)',
          '',
          '$(account) Owner: [`team-audio`](cmd:greenroom.openEntity:["group:default/team-audio"])  ',
          '$(server-environment) System: `playback` _(not in catalog)_  ',
          '$(tag) `java` `grpc`',
          '',
          '[$(link-external) Docs\\_Site](https://docs.example.com/player?a=1&b=2) · [$(link-external) mailto\\:team\\@example\\.com](mailto:team@example.com) · [$(link-external) Spaced](HTTP://example.com/a%20b)',
          '',
          '---',
          '',
          '[$(preview) Open entity](cmd:greenroom.openEntity:["component:default/player"]) · [$(book) Open docs](cmd:greenroom.openDocs:["component:default/player"]) · [$(go-to-file) Open descriptor](cmd:greenroom.openDescriptor:["component:default/player"]) · [$(copy) Copy ref](cmd:greenroom.copyEntityRef:["component:default/player"])',
        ].join('\n'),
      );
    });

    it('escapes the title and description so they cannot add markup or links', () => {
      const markdown = entityHoverMarkdown(index, recordOf(index, 'component:default/player'), link);
      assert.ok(markdown.includes('\\*bold\\*'));
      assert.ok(markdown.includes('\\<script\\>'));
      assert.ok(!markdown.includes('<script>'));
      assert.ok(!markdown.includes('](command:evil)'));
    });

    it('keeps only http(s) and mailto links', () => {
      const markdown = entityHoverMarkdown(index, recordOf(index, 'component:default/player'), link);
      assert.ok(!markdown.includes('javascript:'), 'javascript: link dropped');
      assert.ok(!markdown.includes('Evil'));
      assert.ok(!markdown.includes('file:'), 'file: link dropped');
      assert.ok(markdown.includes('(mailto:team@example.com)'));
      assert.ok(markdown.includes('(https://docs.example.com/player?a=1&b=2)'));
    });

    it('links a resolved system and a user owner, shown in their short form', () => {
      const search = entityHoverMarkdown(index, recordOf(index, 'component:default/search'), link);
      assert.ok(
        search.includes('$(server-environment) System: [`finder`](cmd:greenroom.openEntity:["system:default/finder"])'),
        search,
      );
      assert.ok(search.includes('$(account) Owner: `team-search` _(not in catalog)_'), search);
      const bare = entityHoverMarkdown(index, recordOf(index, 'component:default/bare'), link);
      assert.ok(bare.includes('$(account) Owner: [`user:jdoe`](cmd:greenroom.openEntity:["user:default/jdoe"])'), bare);
    });

    it('leaves out what the entity does not have: description, system, tags, links, docs', () => {
      assert.equal(
        entityHoverMarkdown(index, recordOf(index, 'component:default/bare'), link),
        [
          '**bare** · Component · service · production',
          '',
          '`component:default/bare`',
          '',
          '$(account) Owner: [`user:jdoe`](cmd:greenroom.openEntity:["user:default/jdoe"])',
          '',
          '---',
          '',
          '[$(preview) Open entity](cmd:greenroom.openEntity:["component:default/bare"]) · [$(go-to-file) Open descriptor](cmd:greenroom.openDescriptor:["component:default/bare"]) · [$(copy) Copy ref](cmd:greenroom.copyEntityRef:["component:default/bare"])',
        ].join('\n'),
      );
      assert.ok(!entityHoverMarkdown(index, recordOf(index, 'component:default/search'), link).includes('Open docs'));
    });

    it('shows an entity without lifecycle or owner', () => {
      const markdown = entityHoverMarkdown(index, recordOf(index, 'group:default/lonely'), link);
      assert.ok(markdown.startsWith('**lonely** · Group · team\n\n`group:default/lonely`\n\n---\n'), markdown);
    });

    it('appends extra sections before the actions', () => {
      const markdown = entityHoverMarkdown(index, recordOf(index, 'component:default/bare'), link, [
        '**Registry**: prod',
        'second',
      ]);
      assert.ok(markdown.includes('\n\n**Registry**: prod\n\nsecond\n\n---\n'), markdown);
    });
  });

  describe('unknownRefHoverMarkdown', () => {
    it('says the ref is not in the catalog and suggests the closest entities first', () => {
      assert.equal(
        unknownRefHoverMarkdown(index, 'group:default/team-playbak', ['Group', 'User'], link),
        [
          '$(warning) `group:default/team-playbak` is not in the catalog.',
          '',
          'Did you mean [`group:team-playback`](cmd:greenroom.openEntity:["group:default/team-playback"]), [`user:team-playbacks`](cmd:greenroom.openEntity:["user:default/team-playbacks"]), [`group:team-player`](cmd:greenroom.openEntity:["group:default/team-player"])?',
        ].join('\n'),
      );
    });

    it('suggests nothing when nothing is close', () => {
      assert.equal(
        unknownRefHoverMarkdown(index, 'system:default/zzzzzz', ['System'], link),
        '$(warning) `system:default/zzzzzz` is not in the catalog.',
      );
    });
  });
});
