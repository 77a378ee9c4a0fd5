/**
 * Random YAML in and around the shapes catalog files have — block mappings and sequences,
 * scalars of every core-schema type, quotes, flow lists, block scalars, comments and blank
 * lines in odd places, several documents — for differential tests of the YAML fast path.
 * Deterministic for a seed.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  next(): number {
    // xorshift32
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x100000000;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

const KEYS = [
  'name',
  'kind',
  'apiVersion',
  'owner',
  'a',
  'b-c',
  'x.y/z',
  'backstage.io/techdocs-ref',
  '$text',
  'spec',
  'metadata',
  'tags',
  'k1',
  'Z',
  'dependsOn',
  '_x',
  'on',
  'yes',
  'n',
];
const ODD_KEYS = [
  '200',
  'true',
  'null',
  '~',
  '1.5',
  'two words',
  "'quoted'",
  '"dq"',
  'a:b',
  '-x',
  '? q',
  '__proto__',
  'é',
  'key\t',
  '<<',
  '&anchor a',
  '!tag b',
];
const PLAIN = [
  'value',
  'two words',
  'service',
  'team-a',
  'component:default/x',
  'https://example.com/a?b=c#frag',
  'a#b',
  'v1.2.3',
  'x-y_z',
  'Ünïcode',
  'emoji 🎉',
  '$text',
  'a/b',
  'dir:.',
  'C:\\path',
];
const SCALARS = [
  '-1',
  '0',
  '12',
  '1.5',
  '.5',
  '1e3',
  '-2.5E-3',
  '0x1F',
  '0o17',
  '+3',
  '.inf',
  '-.Inf',
  '.nan',
  'true',
  'False',
  'TRUE',
  'null',
  'Null',
  '~',
  'yes',
  'no',
  'on',
  '1_000',
  '012',
  '0b101',
  '2001-12-14',
  '1:20',
];
const ODD_PLAIN = [
  'a: b',
  'x:',
  'a # comment',
  '-',
  '- x',
  '*alias',
  '&a x',
  '!tag x',
  '%x',
  '@x',
  '`x',
  '[a',
  '{a',
  '|',
  '>',
  ',x',
  '?x',
  ':x',
  'a\tb',
  'a  ',
  ' lead',
];
const QUOTED = [
  "'single'",
  "'it''s'",
  "''",
  '"double"',
  '""',
  '"esc \\n"',
  '"a\\"b"',
  "'a # b'",
  '"a: b"',
  "'multi",
  '"tab\\t"',
  "'x' # c",
  '"x" trailing',
];
const FLOW = [
  '[]',
  '[a]',
  '[a, b, c]',
  '[ a , b ]',
  '[1, true, null]',
  '[\'a\', "b"]',
  '[a,]',
  '[a, [b]]',
  '[a: b]',
  '{}',
  '{ }',
  '{a: 1}',
  '[a, b] # c',
  '[a #c]',
  '[]x',
];

export interface GeneratorOptions {
  /** Probability of constructs outside the fast path (the fast path must then give up, or agree). */
  readonly oddity: number;
}

export function generateYaml(random: SeededRandom, options: GeneratorOptions = { oddity: 0.05 }): string {
  const lines: string[] = [];
  const odd = (): boolean => random.chance(options.oddity);
  const comment = (indent: number): string =>
    `${' '.repeat(indent)}# ${random.pick(['note', 'a: b', '---', '- item', ''])}`;
  const sprinkle = (indent: number): void => {
    if (random.chance(0.08)) {
      lines.push('');
    }
    if (random.chance(0.08)) {
      lines.push(comment(random.chance(0.7) ? indent : random.int(indent + 4)));
    }
    if (random.chance(0.02)) {
      lines.push(' '.repeat(random.int(6)));
    }
  };
  const trailing = (): string =>
    random.chance(0.1) ? ` # ${random.pick(['c', 'x: y', '#'])}` : random.chance(0.05) ? '  ' : '';
  const scalar = (): string => {
    const roll = random.next();
    if (odd()) {
      return random.pick(ODD_PLAIN);
    }
    if (roll < 0.45) {
      return random.pick(PLAIN);
    }
    if (roll < 0.7) {
      return random.pick(SCALARS);
    }
    if (roll < 0.85) {
      return random.pick(QUOTED);
    }
    return random.pick(FLOW);
  };
  const blockScalar = (indent: number): void => {
    const header = random.pick(['|', '|-', '>', '>-', ...(odd() ? ['|+', '>+', '|2', '| # c', '|  '] : [])]);
    lines[lines.length - 1] += ` ${header}`;
    const contentIndent = indent + 1 + random.int(3);
    const count = 1 + random.int(5);
    if (random.chance(0.1)) {
      lines.push('');
    }
    for (let line = 0; line < count; line++) {
      const roll = random.next();
      if (roll < 0.12) {
        lines.push('');
      } else if (roll < 0.2) {
        lines.push(`${' '.repeat(contentIndent + 2)}more indented`);
      } else if (roll < 0.25) {
        lines.push(`${' '.repeat(contentIndent)}# not a comment`);
      } else if (odd()) {
        lines.push(' '.repeat(contentIndent + random.int(3)));
      } else {
        lines.push(
          `${' '.repeat(contentIndent)}${random.pick(['line', 'openapi: 3.0.0', '  x: y', 'text with: colon', '- item', '{ json: true }'])}`,
        );
      }
    }
    if (random.chance(0.2)) {
      lines.push('');
    }
  };
  const value = (indent: number, depth: number, prefix: string): void => {
    const roll = random.next();
    if (depth < 4 && roll < 0.25) {
      lines.push(`${prefix}${random.chance(0.1) ? ` # ${'c'}` : ''}`);
      sprinkle(indent);
      map(indent + (odd() ? 1 : 2), depth + 1);
    } else if (depth < 4 && roll < 0.4) {
      lines.push(prefix);
      sprinkle(indent);
      sequence(random.chance(0.3) ? indent : indent + 2, depth + 1);
    } else if (roll < 0.5) {
      lines.push(prefix);
      blockScalar(indent);
    } else if (roll < 0.55) {
      lines.push(`${prefix}${random.chance(0.2) ? ' ' : ''}`);
    } else {
      lines.push(`${prefix} ${scalar()}${trailing()}`);
    }
  };
  const key = (): string => (odd() ? random.pick(ODD_KEYS) : random.pick(KEYS));
  const map = (indent: number, depth: number): void => {
    const count = 1 + random.int(4);
    const used = new Set<string>();
    for (let item = 0; item < count; item++) {
      let name = key();
      if (used.has(name) && !odd()) {
        name = `${name}${item}`;
      }
      used.add(name);
      value(indent, depth, `${' '.repeat(indent)}${name}:`);
      sprinkle(indent);
    }
  };
  const sequence = (indent: number, depth: number): void => {
    const count = 1 + random.int(3);
    for (let item = 0; item < count; item++) {
      const dash = `${' '.repeat(indent)}-${random.chance(0.1) ? '  ' : ' '}`;
      const roll = random.next();
      if (depth < 4 && roll < 0.3) {
        // `- key: value` and more keys aligned with the first
        const column = dash.length;
        const before = lines.length;
        map(column, depth + 1);
        const first = lines[before] ?? '';
        lines[before] = `${dash}${first.slice(column)}`;
      } else if (roll < 0.4) {
        lines.push(dash.trimEnd());
        if (random.chance(0.5)) {
          map(indent + 2, depth + 1);
        }
      } else if (roll < 0.47) {
        lines.push(`${dash}${random.pick(['|', '>-'])}`);
        const contentIndent = indent + 2 + random.int(2);
        lines.push(`${' '.repeat(contentIndent)}text`);
        if (random.chance(0.3)) {
          lines.push(`${' '.repeat(contentIndent)}more`);
        }
      } else {
        lines.push(`${dash}${scalar()}${trailing()}`);
      }
      sprinkle(indent);
    }
  };
  const documents = 1 + random.int(3);
  if (random.chance(0.2)) {
    lines.push('# leading comment');
  }
  for (let document = 0; document < documents; document++) {
    if (document > 0 || random.chance(0.3)) {
      lines.push(random.chance(0.9) ? '---' : random.pick(['--- ', '--- # c', '...', '--- x', '%YAML 1.2']));
    }
    if (random.chance(0.1)) {
      continue; // an empty document
    }
    if (odd()) {
      sequence(0, 1);
    } else {
      map(0, 0);
    }
  }
  if (random.chance(0.1)) {
    lines.push('---');
  }
  const text = lines.join('\n');
  return random.chance(0.85) ? `${text}\n` : text;
}
