import * as fc from 'fast-check';

/** Small pools, so generated documents refer to each other, collide and form cycles often. */
export const NAMES = ['alpha', 'beta', 'gamma', 'delta'] as const;
export const TEAMS = ['team-a', 'team-b'] as const;

/** Joins lines into file text with a trailing newline. */
export function text(lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}

export function componentLines(name: string, owner: string, extra: readonly string[] = []): string[] {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    '  description: A service',
    '  tags: [java, web]',
    'spec:',
    '  type: service',
    '  lifecycle: production',
    `  owner: ${owner}`,
    ...extra,
  ];
}

export function groupLines(name: string, extra: readonly string[] = []): string[] {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  type: team',
    '  children: []',
    ...extra,
  ];
}

export function userLines(name: string, team: string): string[] {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: User',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  memberOf: [${team}]`,
  ];
}

export function systemLines(name: string, owner: string): string[] {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: System',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  owner: ${owner}`,
    '  domain: media',
  ];
}

export function apiLines(name: string, owner: string): string[] {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: API',
    'metadata:',
    `  name: ${name}`,
    '  annotations:',
    '    backstage.io/techdocs-ref: dir:.',
    'spec:',
    '  type: openapi',
    '  lifecycle: experimental',
    `  owner: ${owner}`,
    '  definition: |',
    '    openapi: 3.0.0',
    '    info: { title: x, version: "1" }',
  ];
}

export function locationLines(name: string, targets: readonly string[]): string[] {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Location',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  type: file',
    '  targets:',
    ...targets.map((target) => `    - ${JSON.stringify(target)}`),
  ];
}

/** One valid descriptor document, as lines. */
export const validDocument: fc.Arbitrary<string[]> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...NAMES), fc.constantFrom(...TEAMS), fc.subarray([...NAMES]))
    .map(([name, owner, depends]) =>
      componentLines(
        name,
        owner,
        depends.length > 0 ? ['  dependsOn:', ...depends.map((target) => `    - component:${target}`)] : [],
      ),
    ),
  fc.constantFrom(...TEAMS).map((team) => groupLines(team)),
  fc.tuple(fc.constantFrom('ann', 'bob'), fc.constantFrom(...TEAMS)).map(([name, team]) => userLines(name, team)),
  fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...TEAMS)).map(([name, owner]) => systemLines(name, owner)),
  fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...TEAMS)).map(([name, owner]) => apiLines(`${name}-api`, owner)),
  fc.constantFrom(...NAMES).map((name) => locationLines(`${name}-location`, ['./a.yaml', './sub/*.yaml'])),
);

/** A file of one to three valid documents. */
export const validFile: fc.Arbitrary<string[]> = fc
  .array(validDocument, { minLength: 1, maxLength: 3 })
  .map((documents) => documents.flatMap((lines, position) => (position === 0 ? lines : ['---', ...lines])));

/** Fragments that mean something to YAML, for insertion at random places. */
export const YAML_TOKENS: readonly string[] = [
  ':',
  ': ',
  '- ',
  '---\n',
  '...\n',
  '&a ',
  '&b ',
  '*a',
  '*b',
  '[',
  ']',
  '{',
  '}',
  ',',
  '? ',
  '!!str ',
  '!!int ',
  '!!binary ',
  '!!set ',
  '!!omap ',
  '!custom ',
  '!<tag:yaml.org,2002:map> ',
  '%YAML 1.1\n',
  '%YAML 9.9\n',
  '%TAG !e! tag:example.com,2000:\n',
  '"',
  "'",
  '|',
  '|-',
  '>+',
  '# ',
  '\t',
  '\r',
  '\r\n',
  '\n',
  '\ufeff',
  '\0',
  '\u0085',
  '\u2028',
  '\ud800',
  '\udc00',
  '\ufffd',
  '@',
  '`',
  '    ',
  '<<: *a\n',
  'null',
  '~',
  '${{ parameters.name }}',
  '$text: ./docs.md',
  '__proto__: ',
  'constructor: ',
  '0x1F',
  '.nan',
  '-.inf',
  '99999999999999999999999999',
  '🎉',
  'é',
];

export type Mutation =
  | { readonly kind: 'insert'; readonly at: number; readonly fragment: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'replace'; readonly at: number; readonly fragment: string }
  | { readonly kind: 'duplicateLine'; readonly line: number }
  | { readonly kind: 'swapLines'; readonly line: number }
  | { readonly kind: 'indentLine'; readonly line: number; readonly indent: string }
  | { readonly kind: 'truncate'; readonly at: number };

const position = fc.nat({ max: 10_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    fragment: fc.oneof(fc.constantFrom(...YAML_TOKENS), fc.string({ unit: 'binary', maxLength: 4 })),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: position,
    fragment: fc.oneof(
      fc.constantFrom(...YAML_TOKENS),
      fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 2 }),
    ),
  }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: position }),
  fc.record({ kind: fc.constant('swapLines' as const), line: position }),
  fc.record({
    kind: fc.constant('indentLine' as const),
    line: position,
    indent: fc.constantFrom('\t', '  ', ' ', '\t  ', '      '),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
);

export function applyMutation(source: string, change: Mutation): string {
  switch (change.kind) {
    case 'insert': {
      const at = change.at % (source.length + 1);
      return source.slice(0, at) + change.fragment + source.slice(at);
    }
    case 'delete': {
      const at = change.at % (source.length + 1);
      return source.slice(0, at) + source.slice(at + change.length);
    }
    case 'replace': {
      const at = change.at % (source.length + 1);
      return source.slice(0, at) + change.fragment + source.slice(at + 1);
    }
    case 'truncate':
      return source.slice(0, change.at % (source.length + 1));
    default: {
      const lines = source.split('\n');
      const line = change.line % lines.length;
      if (change.kind === 'duplicateLine') {
        lines.splice(line, 0, lines[line] ?? '');
      } else if (change.kind === 'swapLines') {
        const next = (line + 1) % lines.length;
        const here = lines[line] ?? '';
        lines[line] = lines[next] ?? '';
        lines[next] = here;
      } else {
        lines[line] = change.indent + (lines[line] ?? '').trimStart();
      }
      return lines.join('\n');
    }
  }
}

/** A valid catalog file with a few random mutations: the bulk of the parser fuzzing. */
export const mutatedFile: fc.Arbitrary<string> = fc
  .tuple(validFile, fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([lines, changes]) => changes.reduce((current, change) => applyMutation(current, change), text(lines)));
