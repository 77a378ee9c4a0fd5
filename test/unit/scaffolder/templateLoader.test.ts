import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  formatTemplateProblem,
  loadTemplate,
  nodeTemplateFileSystem,
  type TemplateProblem,
} from '../../../src/scaffolder';
import {
  lines,
  loadOrFail,
  memoryTemplate,
  NODE_SERVICE,
  TEMPLATE_DIR,
  TEMPLATE_FILE,
  templateYaml,
} from './support/scaffolderFixtures';

/** `line:message` (one-based line) of each problem. */
function problemLines(problems: readonly TemplateProblem[]): string[] {
  return problems.map((problem) => `${problem.range.start.line + 1}:${problem.message}`);
}

async function problemsOf(text: string): Promise<TemplateProblem[]> {
  const loaded = await loadTemplate(memoryTemplate({ 'template.yaml': text }), TEMPLATE_FILE);
  assert.equal(loaded.template, undefined, 'the template should not load');
  return loaded.problems;
}

const FETCH_STEP = ['    - id: fetch', '      action: fetch:template', '      input:', '        url: ./skeleton'];

describe('loadTemplate', () => {
  it('loads the built-in node-service template with its pages and steps', async () => {
    const template = await loadOrFail(nodeTemplateFileSystem, NODE_SERVICE);
    assert.equal(template.file, NODE_SERVICE);
    assert.equal(template.folder, path.dirname(NODE_SERVICE));
    assert.equal(template.name, 'node-service');
    assert.equal(template.title, 'Node.js TypeScript service');
    assert.deepEqual(
      template.pages.map((page) => [page.index, page.title]),
      [
        [0, 'Component details'],
        [1, 'Documentation and repository'],
      ],
    );
    assert.deepEqual(
      template.steps.map((step) => [step.index, step.id, step.name, step.action]),
      [
        [0, 'fetch', 'Fetch skeleton', 'fetch:template'],
        [1, 'log', 'Summary', 'debug:log'],
        [2, 'register', 'Register in the catalog', 'catalog:register'],
      ],
    );
    assert.equal(template.entity.spec.type, 'service');
  });

  it('turns an object-form spec.parameters into one page, and none into no pages', async () => {
    const single = await loadOrFail(
      memoryTemplate({
        'template.yaml': templateYaml(FETCH_STEP, [
          '    title: Only page',
          '    properties:',
          '      name:',
          '        type: string',
        ]),
      }),
    );
    assert.deepEqual(
      single.pages.map((page) => [page.index, page.title, Object.keys(page.schema['properties'] as object)]),
      [[0, 'Only page', ['name']]],
    );
    const none = await loadOrFail(memoryTemplate({ 'template.yaml': templateYaml(FETCH_STEP) }));
    assert.deepEqual(none.pages, []);
  });

  it('gives steps without an id a stable one, so their outputs can be told apart', async () => {
    const template = await loadOrFail(
      memoryTemplate({
        'template.yaml': templateYaml(['    - action: debug:log', '    - name: Second', '      action: debug:log']),
      }),
    );
    assert.deepEqual(
      template.steps.map((step) => [step.id, step.name]),
      [
        ['step-1', 'step-1'],
        ['step-2', 'Second'],
      ],
    );
  });

  it('reports YAML syntax errors with their line', async () => {
    const problems = await problemsOf(
      lines(
        'apiVersion: scaffolder.backstage.io/v1beta3',
        'kind: Template',
        'metadata:',
        '  name: [unclosed',
        'spec: {}',
      ),
    );
    assert.ok(problems.length > 0);
    assert.match(problemLines(problems)[0] ?? '', /^\d+:YAML error: /);
  });

  it('reports a document of another kind on its kind line', async () => {
    const problems = await problemsOf(
      lines('apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', '  name: x'),
    );
    assert.deepEqual(problemLines(problems), ['2:Expected kind Template, found kind "Component"']);
  });

  it('refuses other template apiVersions on their line', async () => {
    const problems = await problemsOf(
      templateYaml(FETCH_STEP).replace('scaffolder.backstage.io/v1beta3', 'scaffolder.backstage.io/v1beta2'),
    );
    assert.deepEqual(problemLines(problems), [
      '1:Template apiVersion "scaffolder.backstage.io/v1beta2" is not supported; expected scaffolder.backstage.io/v1beta3',
    ]);
  });

  it("validates with Backstage's Template schema: a missing spec.steps is an error on spec", async () => {
    const problems = await problemsOf(
      lines(
        'apiVersion: scaffolder.backstage.io/v1beta3',
        'kind: Template',
        'metadata:',
        '  name: demo',
        'spec:',
        '  type: service',
      ),
    );
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? '', /steps/);
    assert.equal(problems[0]?.range.start.line, 5);
  });

  it('reports a duplicate step id on the second one', async () => {
    const problems = await problemsOf(
      templateYaml(['    - id: same', '      action: debug:log', '    - id: same', '      action: debug:log']),
    );
    assert.deepEqual(problemLines(problems), [
      '11:Step id "same" is used by an earlier step; later steps could not tell their outputs apart',
    ]);
  });

  it('reports a parameter page that is not an object', async () => {
    const problems = await problemsOf(templateYaml(FETCH_STEP, ['    - title: fine', '    - just a string']));
    assert.deepEqual(
      problems
        .filter((problem) => problem.message.startsWith('A parameter page'))
        .map((problem) => problem.range.start.line + 1),
      [10],
    );
  });

  it('reports a missing file and a folder instead of a file', async () => {
    const fs = memoryTemplate({ 'skeleton/README.md': 'x' });
    assert.deepEqual(problemLines((await loadTemplate(fs, `${TEMPLATE_DIR}/nope.yaml`)).problems), [
      '1:The template file does not exist',
    ]);
    assert.deepEqual(problemLines((await loadTemplate(fs, `${TEMPLATE_DIR}/skeleton`)).problems), [
      '1:The template path is a folder, not a file',
    ]);
  });

  it('formats problems one-based as file:line:column severity message', async () => {
    const problems = await problemsOf(
      templateYaml(['    - id: same', '      action: debug:log', '    - id: same', '      action: debug:log']),
    );
    assert.equal(
      formatTemplateProblem(problems[0] as TemplateProblem),
      `${TEMPLATE_FILE}:11:11 error Step id "same" is used by an earlier step; later steps could not tell their outputs apart`,
    );
  });
});
