/**
 * A small TOML reader for manifests (Cargo.toml, pyproject.toml): tables, arrays of tables,
 * dotted and quoted keys, strings (all four forms), numbers, booleans, dates (kept as text),
 * arrays and inline tables. Tables are Maps, so a key named `__proto__` is just a key.
 * Greenroom has no TOML dependency and needs only the facts a manifest states; anything it
 * cannot read is an error with a line number, never a crash.
 */
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export type TomlTable = Map<string, TomlValue>;

export class TomlError extends Error {}

const MAX_NESTING = 32;

class Reader {
  private position = 0;

  constructor(private readonly text: string) {}

  parse(): TomlTable {
    const root: TomlTable = new Map();
    let current = root;
    while (this.skipBlankLines()) {
      if (this.peek() === '[') {
        current = this.tableHeader(root);
      } else {
        const keys = this.key();
        this.skipSpaces();
        this.expect('=');
        this.skipSpaces();
        const value = this.value(0);
        this.assign(current, keys, value);
      }
      this.endOfLine();
    }
    return root;
  }

  private fail(message: string): never {
    const line = this.text.slice(0, this.position).split('\n').length;
    throw new TomlError(`line ${line}: ${message}`);
  }

  private peek(offset = 0): string {
    return this.text[this.position + offset] ?? '';
  }

  private startsWith(token: string): boolean {
    return this.text.startsWith(token, this.position);
  }

  private expect(char: string): void {
    if (this.peek() !== char) {
      this.fail(`expected "${char}"`);
    }
    this.position++;
  }

  private skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') {
      this.position++;
    }
  }

  private skipComment(): void {
    if (this.peek() === '#') {
      while (this.position < this.text.length && this.peek() !== '\n') {
        this.position++;
      }
    }
  }

  /** Skips blank and comment lines; false at the end of the text. */
  private skipBlankLines(): boolean {
    for (;;) {
      this.skipSpaces();
      this.skipComment();
      if (this.peek() === '\r' || this.peek() === '\n') {
        this.position++;
      } else {
        return this.position < this.text.length;
      }
    }
  }

  private endOfLine(): void {
    this.skipSpaces();
    this.skipComment();
    if (this.position < this.text.length && this.peek() !== '\n' && this.peek() !== '\r') {
      this.fail('unexpected text after a value');
    }
  }

  /** Blank lines, comments and newlines inside arrays. */
  private skipWhitespaceAndComments(): void {
    for (;;) {
      this.skipSpaces();
      this.skipComment();
      if (this.peek() === '\r' || this.peek() === '\n') {
        this.position++;
      } else {
        return;
      }
    }
  }

  private tableHeader(root: TomlTable): TomlTable {
    const isArray = this.startsWith('[[');
    this.position += isArray ? 2 : 1;
    this.skipSpaces();
    const keys = this.key();
    this.skipSpaces();
    if (isArray ? !this.startsWith(']]') : this.peek() !== ']') {
      this.fail('unclosed table header');
    }
    this.position += isArray ? 2 : 1;
    const parentKeys = keys.slice(0, -1);
    const last = keys[keys.length - 1] ?? '';
    const parent = this.descend(root, parentKeys);
    if (isArray) {
      const existing = parent.get(last);
      const list = Array.isArray(existing) ? existing : [];
      if (existing !== undefined && !Array.isArray(existing)) {
        this.fail(`"${keys.join('.')}" is not an array of tables`);
      }
      const table: TomlTable = new Map();
      list.push(table);
      parent.set(last, list);
      return table;
    }
    return this.descend(parent, [last]);
  }

  /** The table at `keys` below `table`, created as needed; the last table of an array of tables. */
  private descend(table: TomlTable, keys: readonly string[]): TomlTable {
    let current = table;
    for (const key of keys) {
      let next = current.get(key);
      if (next === undefined) {
        next = new Map();
        current.set(key, next);
      }
      if (Array.isArray(next)) {
        next = next[next.length - 1];
      }
      if (!(next instanceof Map)) {
        this.fail(`"${key}" is not a table`);
      }
      current = next;
    }
    return current;
  }

  private assign(table: TomlTable, keys: readonly string[], value: TomlValue): void {
    const target = this.descend(table, keys.slice(0, -1));
    const last = keys[keys.length - 1] ?? '';
    if (target.has(last)) {
      this.fail(`"${keys.join('.')}" is defined twice`);
    }
    target.set(last, value);
  }

  private key(): string[] {
    const keys: string[] = [];
    for (;;) {
      this.skipSpaces();
      const char = this.peek();
      if (char === '"') {
        keys.push(this.basicString());
      } else if (char === "'") {
        keys.push(this.literalString());
      } else {
        const match = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.position, this.position + 256));
        if (!match) {
          this.fail('expected a key');
        }
        keys.push(match[0]);
        this.position += match[0].length;
      }
      this.skipSpaces();
      if (this.peek() !== '.') {
        return keys;
      }
      this.position++;
    }
  }

  private value(depth: number): TomlValue {
    if (depth > MAX_NESTING) {
      this.fail('values nested too deeply');
    }
    const char = this.peek();
    if (this.startsWith('"""')) {
      return this.multilineString('"""');
    }
    if (this.startsWith("'''")) {
      return this.multilineString("'''");
    }
    if (char === '"') {
      return this.basicString();
    }
    if (char === "'") {
      return this.literalString();
    }
    if (char === '[') {
      return this.array(depth);
    }
    if (char === '{') {
      return this.inlineTable(depth);
    }
    const match = /^[^\s,\]}#]+/.exec(this.text.slice(this.position, this.position + 128));
    if (!match) {
      this.fail('expected a value');
    }
    this.position += match[0].length;
    const word = match[0];
    if (word === 'true' || word === 'false') {
      return word === 'true';
    }
    const number = Number(word.replace(/_/g, ''));
    return /^[+-]?[0-9]/.test(word) && Number.isFinite(number) && !/[-:]\d\d/.test(word.slice(1)) ? number : word;
  }

  private basicString(): string {
    this.expect('"');
    let result = '';
    for (;;) {
      const char = this.peek();
      if (char === '' || char === '\n') {
        this.fail('unterminated string');
      }
      this.position++;
      if (char === '"') {
        return result;
      }
      result += char === '\\' ? this.escape() : char;
    }
  }

  private escape(): string {
    const char = this.peek();
    this.position++;
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
    if (Object.hasOwn(simple, char)) {
      return simple[char] ?? '';
    }
    if (char === 'u' || char === 'U') {
      const length = char === 'u' ? 4 : 8;
      const hex = this.text.slice(this.position, this.position + length);
      const code = /^[0-9A-Fa-f]+$/.test(hex) && hex.length === length ? Number.parseInt(hex, 16) : NaN;
      if (!(code <= 0x10ffff)) {
        this.fail('invalid unicode escape');
      }
      this.position += length;
      return String.fromCodePoint(code);
    }
    this.fail(`invalid escape "\\${char}"`);
  }

  private literalString(): string {
    this.expect("'");
    const end = this.text.indexOf("'", this.position);
    const newline = this.text.indexOf('\n', this.position);
    if (end < 0 || (newline >= 0 && newline < end)) {
      this.fail('unterminated string');
    }
    const result = this.text.slice(this.position, end);
    this.position = end + 1;
    return result;
  }

  private multilineString(quote: string): string {
    this.position += 3;
    const end = this.text.indexOf(quote, this.position);
    if (end < 0) {
      this.fail('unterminated multi-line string');
    }
    const raw = this.text.slice(this.position, end).replace(/^\r?\n/, '');
    this.position = end + 3;
    // Escapes in """ strings are rare in manifests' descriptions; the common ones are honoured.
    return quote === '"""'
      ? raw
          .replace(/\\\r?\n\s*/g, '')
          .replace(/\\n/g, '\n')
          .replace(/\\"/g, '"')
          .replace(/\\\\/g, '\\')
      : raw;
  }

  private array(depth: number): TomlValue[] {
    this.expect('[');
    const items: TomlValue[] = [];
    for (;;) {
      this.skipWhitespaceAndComments();
      if (this.peek() === ']') {
        this.position++;
        return items;
      }
      items.push(this.value(depth + 1));
      this.skipWhitespaceAndComments();
      if (this.peek() === ',') {
        this.position++;
      } else if (this.peek() !== ']') {
        this.fail('expected "," or "]" in an array');
      }
    }
  }

  private inlineTable(depth: number): TomlTable {
    this.expect('{');
    const table: TomlTable = new Map();
    this.skipWhitespaceAndComments();
    if (this.peek() === '}') {
      this.position++;
      return table;
    }
    for (;;) {
      this.skipWhitespaceAndComments();
      const keys = this.key();
      this.expect('=');
      this.skipSpaces();
      this.assign(table, keys, this.value(depth + 1));
      this.skipWhitespaceAndComments();
      if (this.peek() === '}') {
        this.position++;
        return table;
      }
      this.expect(',');
    }
  }
}

/** Parses TOML text; throws `TomlError` (with a line number) on text it cannot read. */
export function parseToml(text: string): TomlTable {
  return new Reader(text).parse();
}

/** The value at a dotted path of keys, when every step is a table. */
export function tomlAt(table: TomlTable, ...keys: string[]): TomlValue | undefined {
  let current: TomlValue | undefined = table;
  for (const key of keys) {
    if (!(current instanceof Map)) {
      return undefined;
    }
    current = current.get(key);
  }
  return current;
}

export function tomlString(table: TomlTable, ...keys: string[]): string | undefined {
  const value = tomlAt(table, ...keys);
  return typeof value === 'string' ? value : undefined;
}

export function tomlStrings(table: TomlTable, ...keys: string[]): string[] {
  const value = tomlAt(table, ...keys);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function tomlKeys(table: TomlTable, ...keys: string[]): string[] {
  const value = tomlAt(table, ...keys);
  return value instanceof Map ? [...value.keys()] : [];
}
