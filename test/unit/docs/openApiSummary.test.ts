import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { summarizeOpenApi } from '../../../src/docs/openApiSummary';

// Compiled to out/test/unit/docs, so the repository root is four levels up.
const REPO_ROOT = path.resolve(__dirname, '../../../..');

function read(relative: string): string {
  return readFileSync(path.join(REPO_ROOT, relative), 'utf8');
}

describe('summarizeOpenApi', () => {
  it('summarises the OpenAPI 3 search-service example', () => {
    const summary = summarizeOpenApi(read('examples/services/search-service/openapi.yaml'));
    assert.deepEqual(summary.problems, []);
    assert.equal(summary.specVersion, '3.0.3');
    assert.equal(summary.title, 'Search API');
    assert.equal(summary.version, '3.1.0');
    assert.equal(summary.description, 'Search tracks, artists, albums and public playlists.');
    assert.deepEqual(summary.servers, ['https://api.larkspur.example.com/search/v3']);
    assert.equal(summary.operations.length, 1);
    const [search] = summary.operations;
    assert.ok(search);
    assert.equal(search.method, 'GET');
    assert.equal(search.path, '/search');
    assert.equal(search.operationId, 'search');
    assert.equal(search.summary, 'Search the catalogue');
    assert.deepEqual(
      search.parameters.map((parameter) => [parameter.name, parameter.in, parameter.required, parameter.type]),
      [
        ['q', 'query', true, 'string'],
        ['types', 'query', false, 'string'],
        ['limit', 'query', false, 'integer'],
        ['cursor', 'query', false, 'string'],
      ],
    );
    assert.equal(search.requestBody, undefined);
    assert.deepEqual(search.responses, [
      { status: '200', description: 'Ranked results', schemaSummary: 'SearchResults' },
      { status: '400', description: 'Missing or invalid query', schemaSummary: undefined },
    ]);
    assert.deepEqual(summary.schemas, [
      {
        name: 'SearchResults',
        type: 'object',
        description: undefined,
        properties: [
          { name: 'items', type: 'SearchHit[]', required: true, description: undefined },
          { name: 'nextCursor', type: 'string | null', required: false, description: undefined },
        ],
      },
      {
        name: 'SearchHit',
        type: 'object',
        description: undefined,
        properties: [
          { name: 'type', type: '"track" | "artist" | "album" | "playlist"', required: true, description: undefined },
          { name: 'id', type: 'string', required: true, description: undefined },
          { name: 'title', type: 'string', required: true, description: undefined },
          { name: 'subtitle', type: 'string', required: false, description: undefined },
          { name: 'score', type: 'number (float)', required: true, description: undefined },
        ],
      },
    ]);
  });

  it('summarises a Swagger 2.0 definition (JSON) with body parameters, shared parameters and $refs', () => {
    const summary = summarizeOpenApi(read('test/fixtures/docs/petstore-swagger2.json'));
    assert.deepEqual(summary.problems, []);
    assert.equal(summary.specVersion, '2.0');
    assert.equal(summary.title, 'Swagger Petstore');
    assert.deepEqual(summary.servers, ['https://petstore.example.com/v2', 'http://petstore.example.com/v2']);
    assert.deepEqual(
      summary.operations.map((operation) => `${operation.method} ${operation.path}`),
      ['POST /pet', 'GET /pet/findByStatus', 'GET /pet/{petId}', 'DELETE /pet/{petId}'],
    );
    const [addPet, findByStatus, getPet, deletePet] = summary.operations;
    assert.deepEqual(addPet?.requestBody, {
      contentTypes: ['application/json', 'application/xml'],
      schemaSummary: 'Pet',
      required: true,
    });
    assert.deepEqual(addPet?.parameters, []);
    assert.deepEqual(addPet?.tags, ['pet']);
    assert.deepEqual(
      findByStatus?.parameters.map((parameter) => parameter.type),
      ['("available" | "pending" | "sold")[]'],
    );
    assert.deepEqual(findByStatus?.responses, [
      { status: '200', description: 'successful operation', schemaSummary: 'Pet[]' },
      { status: '400', description: 'Invalid status value', schemaSummary: undefined },
    ]);
    assert.deepEqual(getPet?.parameters, [
      { name: 'petId', in: 'path', required: true, type: 'integer (int64)', description: 'ID of pet to return' },
    ]);
    // The operation's own petId replaces the path-level one.
    assert.deepEqual(
      deletePet?.parameters.map((parameter) => [parameter.name, parameter.in, parameter.description]),
      [
        ['petId', 'path', 'Pet id to delete'],
        ['api_key', 'header', undefined],
      ],
    );
    assert.equal(deletePet?.deprecated, true);
    const pet = summary.schemas.find((schema) => schema.name === 'Pet');
    assert.deepEqual(
      pet?.properties.map((property) => `${property.name}${property.required ? '*' : ''}: ${property.type}`),
      [
        'id: integer (int64)',
        'category: Category',
        'name*: string',
        'photoUrls*: string[]',
        'status: "available" | "pending" | "sold"',
        'parent: Pet',
      ],
    );
    const dog = summary.schemas.find((schema) => schema.name === 'Dog');
    assert.equal(dog?.type, 'Pet & object');
    assert.deepEqual(
      dog?.properties.map((property) => `${property.name}${property.required ? '*' : ''}`),
      ['id', 'category', 'name*', 'photoUrls*', 'status', 'parent', 'breed*'],
    );
  });

  it('summarises OpenAPI 3 request bodies, $ref parameters and 3.1 type lists', () => {
    const summary = summarizeOpenApi(
      [
        'openapi: 3.1.0',
        'info: {title: Sessions, version: 2}',
        'paths:',
        '  /sessions/{id}:',
        '    parameters: [{$ref: "#/components/parameters/Id"}]',
        '    put:',
        '      requestBody: {$ref: "#/components/requestBodies/Session"}',
        '      responses:',
        '        "204": {description: Updated}',
        '        default: {$ref: "#/components/responses/Error"}',
        'components:',
        '  parameters:',
        '    Id: {name: id, in: path, schema: {type: string, format: uuid}}',
        '  requestBodies:',
        '    Session:',
        '      required: true',
        '      content:',
        '        application/json: {schema: {$ref: "#/components/schemas/Session"}}',
        '        application/x-www-form-urlencoded: {schema: {type: object}}',
        '  responses:',
        '    Error: {description: Something failed, content: {application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}}}',
        '  schemas:',
        '    Session:',
        '      properties:',
        '        device: {type: [string, "null"], description: Device id}',
        '        tags: {type: object, additionalProperties: {type: string}}',
        '        kind: {oneOf: [{$ref: "#/components/schemas/A"}, {$ref: "#/components/schemas/B"}]}',
        '    Problem: {type: object}',
      ].join('\n'),
    );
    assert.equal(summary.version, '2');
    const [put] = summary.operations;
    assert.deepEqual(put?.parameters, [
      { name: 'id', in: 'path', required: true, type: 'string (uuid)', description: undefined },
    ]);
    assert.deepEqual(put?.requestBody, {
      contentTypes: ['application/json', 'application/x-www-form-urlencoded'],
      schemaSummary: 'Session',
      required: true,
    });
    assert.deepEqual(put?.responses, [
      { status: '204', description: 'Updated', schemaSummary: undefined },
      { status: 'default', description: 'Something failed', schemaSummary: 'Problem' },
    ]);
    assert.deepEqual(summary.schemas[0]?.properties, [
      { name: 'device', type: 'string | null', required: false, description: 'Device id' },
      { name: 'tags', type: 'map<string, string>', required: false, description: undefined },
      { name: 'kind', type: 'A | B', required: false, description: undefined },
    ]);
  });

  it('survives reference cycles, dangling and external refs, reporting each once', () => {
    const summary = summarizeOpenApi(
      [
        'openapi: 3.0.0',
        'info: {title: Cycles, version: "1"}',
        'paths:',
        '  /a:',
        '    get:',
        '      parameters: [{$ref: "#/components/parameters/Nope"}, {$ref: "other.yaml#/P"}, 7, null]',
        '      responses: {"200": {$ref: "#/components/responses/A"}, "201": {$ref: "#/components/responses/A"}}',
        'components:',
        '  responses:',
        '    A: {$ref: "#/components/responses/B"}',
        '    B: {$ref: "#/components/responses/A"}',
        '  schemas:',
        '    Node: {allOf: [{$ref: "#/components/schemas/Node"}], properties: {next: {$ref: "#/components/schemas/Node"}}}',
        '    Loop1: {$ref: "#/components/schemas/Loop2"}',
        '    Loop2: {$ref: "#/components/schemas/Loop1"}',
        '    constructor: {type: string}',
        '    __proto__: {type: integer}',
      ].join('\n'),
    );
    assert.deepEqual(summary.operations[0]?.parameters, []);
    assert.deepEqual(
      summary.operations[0]?.responses.map((response) => response.description),
      ['', ''],
    );
    assert.deepEqual(summary.problems, [
      '$ref #/components/parameters/Nope points to nothing in this document',
      '$ref other.yaml#/P points into another file, which is not read',
      '$ref #/components/responses/A refers to itself in a cycle',
      '$ref #/components/schemas/Loop2 refers to itself in a cycle',
      '$ref #/components/schemas/Loop1 refers to itself in a cycle',
    ]);
    assert.deepEqual(summary.schemas.find((schema) => schema.name === 'Node')?.properties, [
      { name: 'next', type: 'Node', required: false, description: undefined },
    ]);
    assert.equal(summary.schemas.find((schema) => schema.name === 'constructor')?.type, 'string');
  });

  describe('never throws on garbage', () => {
    const garbage: Record<string, string> = {
      empty: '',
      'a scalar': 'just text',
      'a list': '- 1\n- 2',
      'broken YAML': 'openapi: 3.0.0\npaths: {/a: [',
      'broken JSON': '{"openapi": "3.0.0", "paths": {',
      'JSON null': 'null',
      'wrong shapes': 'openapi: 3\ninfo: 5\nservers: {a: b}\npaths: [1, 2]\ncomponents: {schemas: [x]}',
      'wrong operation shapes':
        'swagger: "2.0"\nhost: [x]\nschemes: 5\npaths:\n  /a:\n    get: {parameters: {a: 1}, responses: [1], tags: "x", consumes: 7}\n    post: 5\n  /b: null\n',
      'alias bomb': `openapi: 3.0.0\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${'*a, '.repeat(9)}*a]\nc: &c [${'*b, '.repeat(9)}*b]\nd: [${'*c, '.repeat(9)}*c]`,
      'an unknown version': 'openapi: 9.0.0\ninfo: {title: Future}',
      'not OpenAPI': 'asyncapi: 2.6.0\ninfo: {title: Events}',
      'binary noise': '\u0000\u0001\u0002\uFFFD{{[[',
      'deep nesting': `openapi: 3.0.0\ncomponents: {schemas: {Deep: ${'{type: array, items: '.repeat(200)}{type: string}${'}'.repeat(200)}}}`,
    };
    for (const [name, text] of Object.entries(garbage)) {
      it(name, () => {
        const summary = summarizeOpenApi(text);
        assert.ok(Array.isArray(summary.operations));
        assert.ok(typeof summary.title === 'string');
      });
    }

    it('says why', () => {
      assert.deepEqual(summarizeOpenApi('just text').problems, [
        'not an OpenAPI definition: expected a mapping at the top',
      ]);
      assert.deepEqual(summarizeOpenApi('asyncapi: 2.6.0').problems, [
        'not an OpenAPI definition: no `openapi` or `swagger` field',
      ]);
      assert.match(summarizeOpenApi('openapi: 9.0.0').problems.join('\n'), /version 9\.0\.0/);
      assert.match(summarizeOpenApi(garbage['alias bomb'] ?? '').problems.join('\n'), /alias/i);
      assert.match(summarizeOpenApi(garbage['broken YAML'] ?? '').problems.join('\n'), /YAML/);
      assert.equal(
        summarizeOpenApi(
          `openapi: 3.0.0\ncomponents: {schemas: {Deep: ${'{type: array, items: '.repeat(20)}{type: string}${'}'.repeat(20)}}}`,
        ).schemas[0]?.type,
        '…[][][][][][][]',
      );
    });
  });
});
