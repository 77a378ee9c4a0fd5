import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  parsePanelState,
  parseWebviewMessage,
  type PanelState,
  type WebviewMessage,
} from '../../../src/shared/panelProtocol';
import { check, logCasesWhenDone } from './support/fuzz';

/**
 * Messages from the entity panel's webview are untrusted (a plugin tab's HTML runs there):
 * `parseWebviewMessage` and `parsePanelState` must never throw, must return only the documented
 * shapes with bounded sizes, and must let `openExternal` through only for http(s) and mailto.
 */
const SUITE = 'webview messages';

const TYPES = ['ready', 'selectTab', 'tabState', 'openEntity', 'openExternal', 'openFile', 'runCommand'] as const;
const LIMITS = { tab: 256, ref: 512, text: 4096, command: 256, args: 8, argsJson: 4096 } as const;
const ALLOWED_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto']);

/** The keys each accepted shape may carry, nothing more. */
const KEYS: Record<WebviewMessage['type'], readonly string[]> = {
  ready: ['type'],
  selectTab: ['type', 'tab'],
  tabState: ['type', 'tab', 'state'],
  openEntity: ['type', 'ref'],
  openExternal: ['type', 'url'],
  openFile: ['type', 'path', 'line'],
  runCommand: ['type', 'command', 'args'],
};

function schemeOf(url: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
}

function boundedString(value: unknown, max: number, allowEmpty = false): boolean {
  return typeof value === 'string' && value.length <= max && (allowEmpty || value.length > 0);
}

/** What an accepted message must look like, field by field; fails the test otherwise. */
function assertDocumentedShape(message: WebviewMessage): void {
  const keys = Object.keys(message);
  const allowed = KEYS[message.type];
  assert.ok(allowed, `undocumented type ${String(message.type)}`);
  assert.ok(
    keys.every((key) => allowed.includes(key)),
    `extra keys ${JSON.stringify(keys)} on ${message.type}`,
  );
  switch (message.type) {
    case 'ready':
      return;
    case 'selectTab':
      assert.ok(boundedString(message.tab, LIMITS.tab));
      return;
    case 'tabState':
      assert.ok(boundedString(message.tab, LIMITS.tab));
      assert.ok(boundedString(message.state, LIMITS.text, true));
      return;
    case 'openEntity':
      assert.ok(boundedString(message.ref, LIMITS.ref));
      return;
    case 'openExternal': {
      assert.ok(boundedString(message.url, LIMITS.text));
      const scheme = schemeOf(message.url);
      assert.ok(
        scheme !== undefined && ALLOWED_SCHEMES.has(scheme),
        `openExternal accepted ${JSON.stringify(message.url)}`,
      );
      return;
    }
    case 'openFile':
      assert.ok(boundedString(message.path, LIMITS.text));
      if ('line' in message) {
        assert.ok(Number.isSafeInteger(message.line) && (message.line ?? 0) >= 1, `line ${String(message.line)}`);
      }
      return;
    case 'runCommand': {
      assert.ok(boundedString(message.command, LIMITS.command));
      assert.ok(Array.isArray(message.args) && message.args.length <= LIMITS.args);
      const json = JSON.stringify(message.args);
      assert.ok(json.length <= LIMITS.argsJson, `runCommand args of ${json.length} characters`);
      return;
    }
  }
}

function parsedOrFail(raw: unknown): WebviewMessage | undefined {
  let parsed: WebviewMessage | undefined;
  assert.doesNotThrow(() => {
    parsed = parseWebviewMessage(raw);
  });
  if (parsed !== undefined) {
    assertDocumentedShape(parsed);
  }
  return parsed;
}

function assertPanelState(state: PanelState): void {
  assert.ok(
    Object.keys(state).every((key) => key === 'ref' || key === 'tab' || key === 'tabState'),
    JSON.stringify(Object.keys(state)),
  );
  assert.ok(boundedString(state.ref, LIMITS.ref));
  assert.ok(state.tab === undefined || boundedString(state.tab, LIMITS.tab));
  assert.ok(state.tabState === undefined || boundedString(state.tabState, LIMITS.text, true));
}

/** Strings around every length limit, plus arbitrary ones. */
function sized(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(max - 1, max, max + 1, 2 * max).map((length) => 'x'.repeat(Math.max(0, length))),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
}

const anyValue = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(undefined),
  fc.constant(null),
);

/** URLs a hostile tab would try: other schemes, case tricks, leading spaces and controls, encodings. */
const url = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        'http:',
        'https:',
        'HTTPS:',
        'mailto:',
        'javascript:',
        'JavaScript:',
        'data:',
        'file:',
        'vscode:',
        'command:',
        'vscode-webview:',
        'ftp:',
        'blob:',
        'about:',
        'http',
        '',
        ' https:',
        '\u0000https:',
        '\thttp:',
        'java\u0000script:',
        'https\u200b:',
      ),
      fc.constantFrom(
        '//example.com/a',
        'alert(1)',
        '//evil.example/%2e%2e/',
        'text/html;base64,PHNjcmlwdD4=',
        '///etc/passwd',
        'x@example.com',
        '',
      ),
    )
    .map(([scheme, rest]) => scheme + rest),
  fc.webUrl(),
  fc.string({ maxLength: 30 }),
);

/** Records as a webview's messages arrive: plain objects (deserialized), never null-prototype ones. */
const PLAIN = { noNullPrototype: true } as const;

/** A message that has one of the documented shapes. */
const validMessage: fc.Arbitrary<WebviewMessage> = fc.oneof(
  fc.constant({ type: 'ready' as const }),
  fc.record(
    { type: fc.constant('selectTab' as const), tab: fc.string({ minLength: 1, maxLength: LIMITS.tab }) },
    PLAIN,
  ),
  fc.record(
    {
      type: fc.constant('tabState' as const),
      tab: fc.string({ minLength: 1, maxLength: LIMITS.tab }),
      state: fc.string({ maxLength: 200 }),
    },
    PLAIN,
  ),
  fc.record(
    { type: fc.constant('openEntity' as const), ref: fc.string({ minLength: 1, maxLength: LIMITS.ref }) },
    PLAIN,
  ),
  fc.record(
    {
      type: fc.constant('openExternal' as const),
      url: fc.oneof(
        fc.webUrl(),
        fc.emailAddress().map((address) => `mailto:${address}`),
      ),
    },
    PLAIN,
  ),
  fc.record({ type: fc.constant('openFile' as const), path: fc.string({ minLength: 1, maxLength: 200 }) }, PLAIN),
  fc.record(
    {
      type: fc.constant('openFile' as const),
      path: fc.string({ minLength: 1, maxLength: 200 }),
      line: fc.integer({ min: 1, max: 1_000_000 }),
    },
    PLAIN,
  ),
  fc
    .record(
      {
        type: fc.constant('runCommand' as const),
        command: fc.string({ minLength: 1, maxLength: 100 }),
        args: fc.array(fc.jsonValue({ maxDepth: 2, noUnicodeString: false }), { maxLength: LIMITS.args }),
      },
      PLAIN,
    )
    .filter((message) => JSON.stringify(message.args).length <= LIMITS.argsJson),
);

describe('reliability: webview messages', function () {
  this.timeout(60_000);
  logCasesWhenDone(SUITE);

  it('never throws on arbitrary values and returns only the documented shapes', () => {
    check(
      SUITE,
      1500,
      fc.property(
        fc.oneof(
          fc.anything({
            maxDepth: 4,
            withNullPrototype: true,
            withBoxedValues: true,
            withMap: true,
            withSet: true,
            withTypedArray: true,
            withSparseArray: true,
          }),
          fc.jsonValue({ maxDepth: 4 }),
        ),
        (raw) => {
          parsedOrFail(raw);
        },
      ),
    );
  });

  it('rejects unknown types, near misses of known ones included', () => {
    const near = fc.constantFrom(
      'Ready',
      'READY',
      ' ready',
      'ready ',
      'openexternal',
      'open-external',
      'runcommand',
      'run',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '',
      'render',
      'busy',
    );
    check(
      SUITE,
      500,
      fc.property(
        fc.oneof(near, fc.string(), fc.anything({ maxDepth: 1 })),
        fc.dictionary(fc.constantFrom('tab', 'state', 'ref', 'url', 'path', 'line', 'command', 'args'), anyValue),
        (type, payload) => {
          fc.pre(!(TYPES as readonly unknown[]).includes(type));
          assert.equal(parsedOrFail({ ...payload, type }), undefined);
        },
      ),
    );
  });

  it('a known type with fuzzed payload fields: either a documented shape or undefined, never a crash', () => {
    check(
      SUITE,
      1500,
      fc.property(
        fc.constantFrom(...TYPES),
        fc.record(
          {
            tab: fc.oneof(sized(LIMITS.tab), anyValue),
            state: fc.oneof(sized(LIMITS.text), anyValue),
            ref: fc.oneof(sized(LIMITS.ref), anyValue),
            url: fc.oneof(url, sized(LIMITS.text), anyValue),
            path: fc.oneof(sized(LIMITS.text), anyValue),
            line: fc.oneof(
              fc.integer(),
              fc.double(),
              fc.constantFrom(0, -1, 1, 2 ** 53, 2 ** 53 + 2, 1e300, Number.NaN, Infinity),
              anyValue,
            ),
            command: fc.oneof(sized(LIMITS.command), anyValue),
            args: fc.oneof(
              fc.array(anyValue, { maxLength: 12 }),
              fc.constantFrom(8, 9, 1000).map((length) => Array.from({ length }, () => 'a')),
              fc.constant(['x'.repeat(LIMITS.argsJson + 1)]),
              anyValue,
            ),
          },
          { requiredKeys: [] },
        ),
        (type, payload) => {
          parsedOrFail({ type, ...payload });
        },
      ),
    );
  });

  it('openExternal only ever lets http(s) and mailto through, whatever the spelling', () => {
    check(
      SUITE,
      1000,
      fc.property(url, (candidate) => {
        const parsed = parsedOrFail({ type: 'openExternal', url: candidate });
        const scheme = schemeOf(candidate);
        if (parsed) {
          assert.equal(parsed.type, 'openExternal');
        } else if (scheme !== undefined && ALLOWED_SCHEMES.has(scheme) && candidate.length <= LIMITS.text) {
          assert.fail(`a plain ${scheme} link was refused: ${JSON.stringify(candidate)}`);
        }
      }),
    );
  });

  it('documented messages come back unchanged, and any extra field is dropped', () => {
    check(
      SUITE,
      800,
      fc.property(
        validMessage,
        fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 3 }),
        (message, extra) => {
          // What a webview can send is JSON (so -0 arrives as 0).
          const sent = JSON.parse(JSON.stringify(message)) as WebviewMessage;
          assert.deepEqual(parsedOrFail(message), sent);
          const withExtra: Record<string, unknown> = { ...extra, ...message };
          assert.deepEqual(parsedOrFail(withExtra), sent);
        },
      ),
    );
  });

  it('a documented message with one field broken (wrong type, empty, too long) is refused', () => {
    const breakage = fc.constantFrom('number', 'object', 'empty', 'long', 'missing');
    check(
      SUITE,
      800,
      fc.property(validMessage, breakage, fc.nat(), (message, how, pick) => {
        const fields = Object.keys(message).filter(
          (key) =>
            key !== 'type' &&
            !(message.type === 'tabState' && key === 'state' && (how === 'empty' || how === 'missing')),
        );
        const field = fields[pick % Math.max(1, fields.length)];
        fc.pre(
          field !== undefined &&
            !(message.type === 'runCommand' && field === 'args' && (how === 'missing' || how === 'empty')) &&
            !(message.type === 'openFile' && field === 'line' && how === 'missing'),
        );
        const broken: Record<string, unknown> = { ...message };
        const limit =
          field === 'tab' || field === 'command'
            ? LIMITS.tab
            : field === 'ref'
              ? LIMITS.ref
              : field === 'args'
                ? LIMITS.args
                : LIMITS.text;
        if (how === 'missing') {
          delete broken[field];
        } else if (field === 'args') {
          broken[field] =
            how === 'long'
              ? Array.from({ length: limit + 1 }, () => 0)
              : how === 'number'
                ? 42
                : how === 'object'
                  ? { length: 1 }
                  : 'not-an-array';
        } else if (field === 'line') {
          broken[field] = how === 'long' ? 2 ** 60 : how === 'number' ? 0.5 : how === 'object' ? { line: 1 } : '';
        } else {
          broken[field] =
            how === 'number' ? 42 : how === 'object' ? { toString: 'x' } : how === 'empty' ? '' : 'y'.repeat(limit + 1);
        }
        assert.equal(parsedOrFail(broken), undefined, `accepted ${JSON.stringify(broken).slice(0, 200)}`);
      }),
    );
  });

  it('parsePanelState never throws, keeps only ref, tab and tabState, bounded, and round-trips valid states', () => {
    const validState: fc.Arbitrary<PanelState> = fc.record(
      {
        ref: fc.string({ minLength: 1, maxLength: LIMITS.ref }),
        tab: fc.string({ minLength: 1, maxLength: LIMITS.tab }),
        tabState: fc.string({ maxLength: 300 }),
      },
      { requiredKeys: ['ref'], noNullPrototype: true },
    );
    check(
      SUITE,
      1500,
      fc.property(
        fc.oneof(
          fc.anything({ maxDepth: 3, withNullPrototype: true, withBoxedValues: true }),
          fc.record(
            {
              ref: fc.oneof(sized(LIMITS.ref), anyValue),
              tab: fc.oneof(sized(LIMITS.tab), anyValue),
              tabState: fc.oneof(sized(LIMITS.text), anyValue),
              extra: anyValue,
            },
            { requiredKeys: [] },
          ),
          validState,
        ),
        (raw) => {
          let state: PanelState | undefined;
          assert.doesNotThrow(() => {
            state = parsePanelState(raw);
          });
          if (state !== undefined) {
            assertPanelState(state);
          }
        },
      ),
    );
    check(
      SUITE,
      300,
      fc.property(validState, (state) => {
        assert.deepEqual(parsePanelState(state), state);
        assert.deepEqual(parsePanelState(JSON.parse(JSON.stringify(state))), state);
      }),
    );
  });
});
