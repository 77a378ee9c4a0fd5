import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  applyDefaults,
  describeParameters,
  nodeTemplateFileSystem,
  validateValues,
  type TemplateDefinition,
} from '../../../src/scaffolder';
import {
  FIXTURES,
  KAFKA_CONSUMER,
  loadOrFail,
  memoryTemplate,
  NODE_SERVICE,
  templateYaml,
} from './support/scaffolderFixtures';

const STEPS = ['    - action: debug:log'];

async function memoryForm(parameters: readonly string[]): Promise<TemplateDefinition> {
  return loadOrFail(memoryTemplate({ 'template.yaml': templateYaml(STEPS, parameters) }));
}

function messages(template: TemplateDefinition, values: Record<string, unknown>): string[] {
  return validateValues(template, values).errors.map((error) => `${error.page}/${error.field}: ${error.message}`);
}

describe('template parameters', () => {
  let kafka: TemplateDefinition;
  let python: TemplateDefinition;

  before(async () => {
    kafka = await loadOrFail(nodeTemplateFileSystem, KAFKA_CONSUMER);
    python = await loadOrFail(nodeTemplateFileSystem, path.join(FIXTURES, 'python-service/template.yaml'));
  });

  describe('describeParameters', () => {
    it('describes every field of the kafka-consumer form for a UI, page by page', () => {
      const fields = describeParameters(kafka);
      assert.deepEqual(
        fields.map((field) => [field.page, field.name, field.required]),
        [
          [0, 'name', true],
          [0, 'description', true],
          [0, 'owner', true],
          [0, 'system', true],
          [1, 'topic', true],
          [1, 'consumerGroup', true],
          [1, 'offsetReset', true],
          [1, 'concurrency', false],
          [1, 'repoUrl', true],
        ],
      );
      const byName = new Map(fields.map((field) => [field.name, field]));
      const name = byName.get('name');
      assert.equal(name?.title, 'Name');
      assert.equal(name?.type, 'string');
      assert.equal(name?.pattern, '^[a-z0-9]+(-[a-z0-9]+)*$');
      assert.equal(name?.minLength, 3);
      assert.equal(name?.maxLength, 50);
      assert.equal(name?.autofocus, true);
      assert.equal(name?.help, 'For example: royalty-aggregator');
      assert.equal(byName.get('description')?.widget, 'textarea');
      assert.deepEqual(byName.get('description')?.options, { rows: 3 });
      assert.equal(byName.get('owner')?.field, 'OwnerPicker');
      assert.deepEqual(byName.get('owner')?.options, { catalogFilter: { kind: 'Group' } });
      assert.equal(byName.get('system')?.field, 'EntityPicker');
      assert.deepEqual(byName.get('system')?.options, { catalogFilter: { kind: 'System' }, defaultKind: 'System' });
      const offset = byName.get('offsetReset');
      assert.deepEqual(
        [offset?.enum, offset?.enumNames, offset?.default, offset?.widget],
        [
          ['earliest', 'latest'],
          ['Earliest (replay retained history)', 'Latest (only new messages)'],
          'latest',
          'radio',
        ],
      );
      const concurrency = byName.get('concurrency');
      assert.deepEqual(
        [concurrency?.type, concurrency?.default, concurrency?.minimum, concurrency?.maximum],
        ['integer', 4, 1, 48],
      );
      const repoUrl = byName.get('repoUrl');
      assert.equal(repoUrl?.field, 'RepoUrlPicker');
      assert.deepEqual(repoUrl?.options, { allowedHosts: ['github.com'], allowedOwners: ['larkspur'] });
      assert.ok(fields.every((field) => !field.secret && !field.hidden && !field.conditional));
    });

    it('marks Secret fields and password widgets as secret, and ui:widget hidden as hidden', async () => {
      const template = await memoryForm([
        '    properties:',
        '      token:',
        '        type: string',
        '        ui:field: Secret',
        '      password:',
        '        type: string',
        '        ui:widget: password',
        '      internal:',
        '        type: string',
        '        ui:widget: hidden',
        '      picked:',
        '        type: string',
        '        ui:field: EntityPicker',
        '        ui:options:',
        '          allowedKinds: [Group]',
      ]);
      const fields = describeParameters(template);
      assert.deepEqual(
        fields.map((field) => [field.name, field.secret, field.hidden]),
        [
          ['token', true, false],
          ['password', true, false],
          ['internal', false, true],
          ['picked', false, false],
        ],
      );
      assert.deepEqual(fields[3]?.options, { allowedKinds: ['Group'] });
    });

    it('shows a dependency field only when the values select its branch', () => {
      const names = (values: Record<string, unknown>): string[] =>
        describeParameters(python, values)
          .filter((field) => field.page === 1)
          .map((field) => field.name);
      assert.deepEqual(names({}), ['python_version', 'docker', 'ci', 'docs', 'database']);
      const withDatabase = describeParameters(python, { database: 'postgres' }).find(
        (field) => field.name === 'databaseSize',
      );
      assert.deepEqual([withDatabase?.conditional, withDatabase?.required, withDatabase?.default], [true, true, 10]);
    });

    it('follows ui:order and leaves out feature-flagged fields', async () => {
      const template = await memoryForm([
        '    ui:order: [second, "*", first]',
        '    properties:',
        '      first: { type: string }',
        '      middle: { type: string }',
        '      flagged: { type: string, "backstage:featureFlag": experimental }',
        '      second: { type: string }',
      ]);
      assert.deepEqual(
        describeParameters(template).map((field) => field.name),
        ['second', 'middle', 'first'],
      );
    });
  });

  describe('applyDefaults', () => {
    it('fills defaults without touching given values, including fields a default reveals', () => {
      assert.deepEqual(applyDefaults(python, { component_id: 'x', docker: false, database: 'postgres' }), {
        component_id: 'x',
        description: 'A Python service.',
        docker: false,
        database: 'postgres',
        python_version: '3.12',
        ci: false,
        docs: false,
        databaseSize: 10,
      });
    });

    it('fills the defaults of the shipped node-service template', async () => {
      const template = await loadOrFail(nodeTemplateFileSystem, NODE_SERVICE);
      assert.deepEqual(applyDefaults(template, {}), { description: 'A Node.js HTTP service.', includeDocs: true });
    });
  });

  describe('validateValues', () => {
    const validKafka = {
      name: 'royalty-aggregator',
      description: 'Aggregates',
      owner: 'team-royalties',
      system: 'royalties',
      consumerGroup: 'royalties',
      repoUrl: 'github.com?owner=larkspur&repo=royalty-aggregator',
    };

    it('accepts complete values and returns them with defaults', () => {
      const result = validateValues(kafka, validKafka);
      assert.deepEqual(result.errors, []);
      assert.equal(result.valid, true);
      assert.deepEqual(
        [result.values['topic'], result.values['offsetReset'], result.values['concurrency']],
        ['listening.events.v1', 'latest', 4],
      );
    });

    it('names each field by its title with what is wrong', () => {
      assert.deepEqual(
        messages(kafka, {
          ...validKafka,
          name: 'Bad_Name',
          description: '',
          offsetReset: 'middle',
          concurrency: 4.5,
          topic: 7,
        }),
        [
          '0/description: Description is required',
          '0/name: Name must match pattern "^[a-z0-9]+(-[a-z0-9]+)*$"',
          '1/topic: Topic must be string',
          '1/offsetReset: Where to start when there is no committed offset must be equal to one of the allowed values: earliest, latest',
          '1/concurrency: Partitions processed in parallel must be integer',
        ],
      );
      assert.deepEqual(messages(kafka, { ...validKafka, name: 'ab', concurrency: 49 }), [
        '0/name: Name must NOT have fewer than 3 characters',
        '1/concurrency: Partitions processed in parallel must be <= 48',
      ]);
      assert.deepEqual(messages(kafka, { ...validKafka, name: 'a'.repeat(51), concurrency: 0 }), [
        '0/name: Name must NOT have more than 50 characters',
        '1/concurrency: Partitions processed in parallel must be >= 1',
      ]);
    });

    it('checks one page only when asked (a form validates before "Next")', () => {
      assert.deepEqual(
        validateValues(kafka, { name: 'royalty-aggregator' }, { page: 0 }).errors.map((error) => error.field),
        ['description', 'owner', 'system'],
      );
    });

    it('checks the fields a dependency branch adds; their defaults fill them when missing', () => {
      const base = { component_id: 'svc', owner: 'team-a', repoUrl: 'github.com?owner=o&repo=r', database: 'postgres' };
      assert.deepEqual(messages(python, { ...base, databaseSize: 500 }), [
        '1/databaseSize: Database size (GB) must be <= 100',
      ]);
      assert.deepEqual(messages(python, { ...base, databaseSize: undefined }), []);
    });

    it('checks booleans, const, arrays and their items, and if/then conditionals', async () => {
      const template = await memoryForm([
        '    required: [kind]',
        '    properties:',
        '      kind: { title: Kind, type: string, enum: [library, service] }',
        '      accepted: { title: Accept the terms, type: boolean, const: true }',
        '      tags:',
        '        title: Tags',
        '        type: array',
        '        uniqueItems: true',
        '        maxItems: 3',
        '        items: { type: string, enum: [a, b, c, d] }',
        '      port: { title: Port, type: number }',
        '    if:',
        '      properties:',
        '        kind: { const: service }',
        '    then:',
        '      required: [port]',
      ]);
      assert.deepEqual(messages(template, { kind: 'library' }), []);
      assert.deepEqual(messages(template, { kind: 'service', accepted: 'yes', tags: ['a', 'a', 'e', 'b'] }), [
        '0/port: Port is required',
        '0/accepted: Accept the terms must be boolean',
        '0/tags: Tags must NOT have more than 3 items',
        '0/tags: Tags must NOT have duplicate items',
        '0/tags.2: Tags › 2 must be equal to one of the allowed values: a, b, c, d',
      ]);
      assert.deepEqual(messages(template, { kind: 'library', accepted: false }), [
        '0/accepted: Accept the terms must be equal to constant true',
      ]);
    });

    it('reports a pattern that is not a regular expression instead of throwing', async () => {
      const template = await memoryForm([
        '    properties:',
        '      name: { title: Name, type: string, pattern: "([" }',
      ]);
      assert.deepEqual(messages(template, { name: 'x' }), [
        '0/name: Name cannot be checked: its pattern "([" is not a valid regular expression',
      ]);
    });
  });
});
