import * as assert from 'node:assert/strict';
import type { Entity } from '@backstage/catalog-model';
import {
  contentsOf,
  lines,
  memoryTemplate,
  pathsOf,
  rejectsWith,
  run,
  templateYaml,
} from './support/scaffolderFixtures';

/** One step (lines indented under `steps:`) over a small skeleton. */
function withSkeleton(steps: readonly string[], files: Readonly<Record<string, string>> = {}) {
  return memoryTemplate({
    'template.yaml': templateYaml(steps),
    'skeleton/README.md': '# ${{ values.name }}\n',
    'skeleton/${{ values.name }}/main.txt': 'main of ${{ values.name }}\n',
    'skeleton/static/raw.txt': 'raw ${{ values.name }}\n',
    'skeleton/.hidden': 'dot ${{ values.name }}\n',
    ...files,
  });
}

const FETCH = [
  '    - id: fetch',
  '      action: fetch:template',
  '      input:',
  '        url: ./skeleton',
  '        values:',
  '          name: demo',
];

describe('local actions', () => {
  describe('fetch:template', () => {
    it('renders names and contents of every entry, dotfiles included', async () => {
      const result = await run(withSkeleton(FETCH));
      assert.deepEqual(contentsOf(result), {
        '.hidden': 'dot demo\n',
        'README.md': '# demo\n',
        'demo/main.txt': 'main of demo\n',
        'static/raw.txt': 'raw demo\n',
      });
    });

    it('copyWithoutRender keeps matching entries literal, names included', async () => {
      const result = await run(withSkeleton([...FETCH, '        copyWithoutRender:', "          - '**/main.txt'"]));
      assert.equal(contentsOf(result)['${{ values.name }}/main.txt'], 'main of ${{ values.name }}\n');
      assert.ok(result.log.some((line) => line.startsWith('[Deprecated] copyWithoutRender')));
    });

    it('refuses the input combinations Backstage refuses', async () => {
      await rejectsWith(
        run(withSkeleton([...FETCH, '        copyWithoutRender: [a]', '        copyWithoutTemplating: [b]'])),
        'input',
        /copyWithoutRender and copyWithoutTemplating can not be used at the same time/,
        /step "fetch" \(fetch:template\)/,
      );
      await rejectsWith(
        run(withSkeleton([...FETCH, '        copyWithoutTemplating: static/**'])),
        'input',
        /must be an Array/,
      );
      await rejectsWith(
        run(withSkeleton([...FETCH, '        templateFileExtension: true', '        copyWithoutTemplating: [a]'])),
        'input',
        /extension incompatible with copyWithoutRender\/copyWithoutTemplating and cookiecutterCompat/,
      );
      await rejectsWith(
        run(withSkeleton([...FETCH, '        templateFileExtension: true', '        cookiecutterCompat: true'])),
        'input',
        /extension incompatible/,
      );
      // An object would otherwise name the rendered files `*.[object Object]`.
      await rejectsWith(
        run(withSkeleton([...FETCH, '        templateFileExtension: { ext: tpl }'])),
        'input',
        /"templateFileExtension" must be a string or true/,
      );
    });

    it('takes templateFileExtension without its dot', async () => {
      const result = await run(
        withSkeleton([...FETCH, '        templateFileExtension: tpl'], {
          'skeleton/config.yaml.tpl': 'name: ${{ values.name }}\n',
        }),
      );
      assert.equal(contentsOf(result)['config.yaml'], 'name: demo\n');
      assert.equal(contentsOf(result)['README.md'], '# ${{ values.name }}\n');
    });

    it('keeps existing files unless replace is set', async () => {
      const second = [
        '    - id: again',
        '      action: fetch:template',
        '      input:',
        '        url: ./other',
        '        values:',
        '          name: again',
      ];
      const files = { 'other/README.md': 'second ${{ values.name }}\n' };
      assert.equal(contentsOf(await run(withSkeleton([...FETCH, ...second], files)))['README.md'], '# demo\n');
      assert.equal(
        contentsOf(await run(withSkeleton([...FETCH, ...second, '        replace: true'], files)))['README.md'],
        'second again\n',
      );
    });

    it('supports cookiecutterCompat, trimBlocks and lstripBlocks', async () => {
      const compat = await run(
        memoryTemplate({
          'template.yaml': templateYaml([
            '    - action: fetch:template',
            '      input:',
            '        url: ./cc',
            '        cookiecutterCompat: true',
            '        values:',
            '          name: legacy',
            '          tags: [a]',
          ]),
          'cc/{{ cookiecutter.name }}.txt': '{{ cookiecutter.name }} {{ cookiecutter.tags | jsonify }}\n',
        }),
      );
      assert.deepEqual(contentsOf(compat), { 'legacy.txt': 'legacy ["a"]\n' });
      const trimmed = await run(
        memoryTemplate({
          'template.yaml': templateYaml([
            '    - action: fetch:template',
            '      input:',
            '        url: ./s',
            '        trimBlocks: true',
            '        lstripBlocks: true',
            '        values: { on: true }',
          ]),
          's/list.txt': 'start\n  {% if values.on %}\nyes\n  {% endif %}\nend\n',
        }),
      );
      assert.equal(contentsOf(trimmed)['list.txt'], 'start\nyes\nend\n');
    });

    it('needs a folder, and reports one that does not exist', async () => {
      await rejectsWith(
        run(
          withSkeleton([
            '    - id: f',
            '      action: fetch:template',
            '      input:',
            '        url: ./skeleton/README.md',
          ]),
        ),
        'input',
        /is a file; fetch:template needs a folder/,
      );
      await rejectsWith(
        run(withSkeleton(['    - id: f', '      action: fetch:template', '      input:', '        url: ./missing'])),
        'input',
        /url "\.\/missing" does not exist in the template folder/,
      );
    });

    it('skips a remote url with a reason instead of fetching it', async () => {
      const result = await run(
        withSkeleton([
          '    - id: remote',
          '      action: fetch:template',
          '      input:',
          '        url: https://github.com/backstage/software-templates/tree/main/skeleton',
        ]),
      );
      assert.deepEqual(result.skipped, [
        {
          step: 'remote',
          action: 'fetch:template',
          reason:
            "fetch:template from https://github.com/backstage/software-templates/tree/main/skeleton needs network access; Greenroom only reads skeletons inside the template's folder",
        },
      ]);
      assert.deepEqual(result.files, []);
    });
  });

  describe('fetch:plain, fetch:plain:file and fetch:template:file', () => {
    it('copy verbatim, or render one file', async () => {
      const result = await run(
        withSkeleton([
          '    - action: fetch:plain',
          '      input: { url: ./skeleton/static, targetPath: copied }',
          '    - action: fetch:plain:file',
          '      input: { url: ./skeleton/README.md, targetPath: docs/README.template.md }',
          '    - action: fetch:template:file',
          '      input: { url: ./skeleton/README.md, targetPath: docs/README.md, values: { name: one } }',
          '    - action: fetch:template:file',
          '      input: { url: ./skeleton/README.md, targetPath: docs/README.md, values: { name: two } }',
        ]),
      );
      assert.deepEqual(contentsOf(result), {
        'copied/raw.txt': 'raw ${{ values.name }}\n',
        'docs/README.template.md': '# ${{ values.name }}\n',
        'docs/README.md': '# one\n',
      });
      assert.ok(result.log.includes('Keeping the existing docs/README.md (replace is not set)'));
    });

    it('refuse to put a file below a file, or over a folder', async () => {
      await rejectsWith(
        run(
          withSkeleton([
            ...FETCH,
            '    - action: fetch:plain:file',
            '      input: { url: ./skeleton/README.md, targetPath: README.md/inner.md }',
          ]),
        ),
        'input',
        /cannot write "README\.md\/inner\.md": "README\.md" is a file, not a folder/,
      );
      await rejectsWith(
        run(
          withSkeleton([
            ...FETCH,
            '    - action: fetch:plain:file',
            '      input: { url: ./skeleton/README.md, targetPath: demo }',
          ]),
        ),
        'input',
        /cannot write the file "demo": a folder of that name already holds files/,
      );
    });

    it('require targetPath for single files', async () => {
      await rejectsWith(
        run(withSkeleton(['    - action: fetch:plain:file', '      input: { url: ./skeleton/README.md }'])),
        'input',
        /input "targetPath" is required/,
      );
    });
  });

  describe('fs:rename, fs:delete and fs:readdir', () => {
    it('rename files and folders; an existing destination needs overwrite', async () => {
      const result = await run(
        withSkeleton([
          ...FETCH,
          '    - action: fs:rename',
          '      input:',
          '        files:',
          '          - { from: demo, to: app }',
          '          - { from: README.md, to: docs/README.md }',
        ]),
      );
      assert.deepEqual(pathsOf(result), ['.hidden', 'app/main.txt', 'docs/README.md', 'static/raw.txt']);
      await rejectsWith(
        run(
          withSkeleton([
            ...FETCH,
            '    - action: fs:rename',
            '      input:',
            '        files: [{ from: README.md, to: .hidden }]',
          ]),
        ),
        'input',
        /"\.hidden" already exists \(set overwrite: true/,
      );
      const overwritten = await run(
        withSkeleton([
          ...FETCH,
          '    - action: fs:rename',
          '      input:',
          '        files: [{ from: README.md, to: .hidden, overwrite: true }]',
        ]),
      );
      assert.equal(contentsOf(overwritten)['.hidden'], '# demo\n');
      await rejectsWith(
        run(
          withSkeleton([
            ...FETCH,
            '    - action: fs:rename',
            '      input:',
            '        files: [{ from: nope.txt, to: x.txt }]',
          ]),
        ),
        'input',
        /"nope\.txt" does not exist/,
      );
      await rejectsWith(
        run(withSkeleton([...FETCH, '    - action: fs:rename', '      input:', '        files: [{ from: demo }]'])),
        'input',
        /each file must have a from and to property/,
      );
    });

    it('delete files, folders and glob matches', async () => {
      const result = await run(
        withSkeleton([
          ...FETCH,
          '    - action: fs:delete',
          '      input:',
          "        files: [demo, '**/*.txt', missing.txt]",
        ]),
      );
      assert.deepEqual(pathsOf(result), ['.hidden', 'README.md']);
    });

    it('readdir lists what earlier steps wrote', async () => {
      const message =
        "      input: { message: '${{ steps.list.output.folders | length }} folders, ${{ steps.list.output.files | length }} files' }";
      const flat = await run(
        withSkeleton([
          ...FETCH,
          '    - id: list',
          '      action: fs:readdir',
          '      input: { paths: [.] }',
          '    - action: debug:log',
          message,
        ]),
      );
      assert.ok(flat.log.includes('2 folders, 2 files'), flat.log.join('\n'));
      const deep = await run(
        withSkeleton([
          ...FETCH,
          '    - id: list',
          '      action: fs:readdir',
          '      input: { paths: [.], recursive: true }',
          '    - action: debug:log',
          message,
        ]),
      );
      assert.ok(deep.log.includes('2 folders, 4 files'), deep.log.join('\n'));
    });
  });

  describe('debug:log, catalog:write and catalog:fetch', () => {
    it('debug:log lists the workspace with contents when asked', async () => {
      const result = await run(
        withSkeleton([
          ...FETCH,
          '    - action: debug:log',
          "      input: { message: done, listWorkspace: 'with-contents', extra: { a: 1 } }",
        ]),
      );
      assert.ok(result.log.includes('done'));
      assert.ok(result.log.includes('{\n  "a": 1\n}'));
      assert.ok(result.log.some((line) => line.startsWith('Workspace:\n- .hidden:\ndot demo\n')));
    });

    it('catalog:write refuses a missing entity', async () => {
      await rejectsWith(
        run(withSkeleton(['    - action: catalog:write', '      input: { filePath: x.yaml }'])),
        'input',
        /input "entity" must be an object/,
      );
    });

    it('catalog:fetch is skipped without a catalog and reads the workspace catalog when given one', async () => {
      const steps = [
        '    - id: owner',
        '      action: catalog:fetch',
        '      input: { entityRef: team-a, defaultKind: group }',
        '    - action: debug:log',
        "      input: { message: 'owner is ${{ steps.owner.output.entity.metadata.name }}' }",
      ];
      const skipped = await run(withSkeleton(steps));
      assert.deepEqual(
        skipped.skipped.map((step) => step.reason),
        ['catalog:fetch needs a Backstage catalog; none was given to this run'],
      );
      const group: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'team-a' },
        spec: { type: 'team', children: [] },
      };
      const asked: string[] = [];
      const found = await run(
        withSkeleton(steps),
        {},
        { lookupEntity: (ref) => (asked.push(ref), ref === 'group:default/team-a' ? group : undefined) },
      );
      assert.deepEqual(asked, ['group:default/team-a']);
      assert.ok(found.log.includes('owner is team-a'));
      await rejectsWith(
        run(withSkeleton(steps), {}, { lookupEntity: () => undefined }),
        'input',
        /entity group:default\/team-a is not in the workspace catalog/,
      );
    });
  });

  describe('steps', () => {
    it('skip actions that need remote services, with reasons and placeholder outputs', async () => {
      const result = await run(
        withSkeleton([
          '    - id: gl',
          '      action: publish:gitlab',
          "      input: { repoUrl: 'gitlab.com?owner=group&repo=svc', defaultBranch: main }",
          '    - id: pr',
          '      action: publish:github:pull-request',
          "      input: { repoUrl: 'github.com?owner=o&repo=r' }",
          '    - id: dispatch',
          '      action: github:actions:dispatch',
          '    - id: custom',
          '      action: acme:deploy',
          '    - action: debug:log',
          "      input: { message: '${{ steps.gl.output.repoContentsUrl }} ${{ steps.pr.output.remoteUrl }} [${{ steps.custom.output.anything }}]' }",
        ]),
      );
      assert.deepEqual(
        result.skipped.map((step) => `${step.step}: ${step.reason}`),
        [
          'gl: publish:gitlab needs a GitLab connection; Greenroom writes the files locally instead',
          'pr: publish:github:pull-request needs a GitHub connection; Greenroom writes the files locally instead',
          'dispatch: github:actions:dispatch needs a GitHub connection; skipped in a local run',
          'custom: acme:deploy is not a built-in action Greenroom can run locally',
        ],
      );
      assert.ok(
        result.log.includes('https://gitlab.com/group/svc/-/blob/main https://github.com/o/r/pull/1 []'),
        result.log.join('\n'),
      );
    });

    it('collect each: outputs as arrays and evaluate if: per item', async () => {
      const result = await run(
        withSkeleton([
          '    - id: many',
          '      each: [alpha, beta, gamma]',
          "      if: ${{ each.value != 'beta' }}",
          '      action: fs:readdir',
          '      input: { paths: [.] }',
          '    - action: debug:log',
          '      input: { message: "${{ steps.many.output.files | length }} runs" }',
        ]),
      );
      assert.ok(result.log.includes('2 runs'), result.log.join('\n'));
      assert.ok(result.log.some((line) => line.startsWith('Skipping step each: {"key":"1","value":"beta"}')));
    });

    it('treat false, "", 0, [] and null as falsy if: results', async () => {
      const steps = ['false', "''", '0', '[]', 'null', "'yes'"].flatMap((value, index) => [
        `    - id: s${index}`,
        `      if: \${{ ${value} }}`,
        '      action: debug:log',
        `      input: { message: ran ${index} }`,
      ]);
      const result = await run(memoryTemplate({ 'template.yaml': templateYaml(steps) }));
      assert.deepEqual(
        result.steps.map((step) => step.status),
        ['skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'completed'],
      );
    });

    it('mask Secret fields as Backstage does and redact them from the log', async () => {
      const fs = memoryTemplate({
        'template.yaml': templateYaml(
          [
            '    - action: debug:log',
            "      input: { message: 'param=${{ parameters.token }} secret=${{ secrets.token }} pw=${{ parameters.pw }}' }",
          ],
          [
            '    properties:',
            '      token: { type: string, ui:field: Secret }',
            '      pw: { type: string, ui:widget: password }',
          ],
        ),
      });
      const result = await run(fs, { token: 'abc123', pw: 'hunter2' });
      assert.ok(result.log.includes('param=****** secret=*** pw=***'), result.log.join('\n'));
    });

    it('render step input errors at their line in template.yaml', async () => {
      const fs = memoryTemplate({
        'template.yaml': templateYaml([
          '    - id: bad',
          '      action: debug:log',
          '      input:',
          "        message: 'ok ${{ parameters.x | nosuch }}'",
        ]),
      });
      const error = await rejectsWith(
        run(fs),
        'rendering',
        /template\.yaml:12(:\d+)?: step "bad" \(debug:log\): filter not found: nosuch/,
      );
      assert.equal(error.step?.id, 'bad');
      const block = memoryTemplate({
        'template.yaml': templateYaml([
          '    - id: bad',
          '      action: debug:log',
          '      input:',
          '        message: |',
          '          fine',
          '          ${{ oops( }}',
        ]),
      });
      await rejectsWith(run(block), 'rendering', /template\.yaml:14:\d+: step "bad"/);
    });

    it('name the skeleton file and line of a rendering error', async () => {
      const fs = withSkeleton(FETCH, { 'skeleton/broken.md': lines('# ok', '', '${{ values.name | nosuchfilter }}') });
      await rejectsWith(
        run(fs),
        'rendering',
        /^\/templates\/demo\/skeleton\/broken\.md:3: step "fetch" \(fetch:template\): filter not found: nosuchfilter$/,
      );
      const badName = withSkeleton(FETCH, { 'skeleton/${{ values.name | nosuch }}.txt': 'x' });
      await rejectsWith(
        run(badName),
        'rendering',
        /skeleton\/\$\{\{ values\.name \| nosuch \}\}\.txt: step "fetch" \(fetch:template\): the name of "\$\{\{ values\.name \| nosuch \}\}\.txt": filter not found: nosuch$/,
      );
    });
  });
});
