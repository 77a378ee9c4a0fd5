import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { types } from 'node:util';
import * as vm from 'node:vm';
import { ERROR_ANSWER, TEXT_ANSWER, VALUE_ANSWER, type RealmError, type RealmRequest } from './realm/realmProtocol';

/** The realm's bundled script; it sits beside this module in dist/ and in the compiled tests. */
export const REALM_SCRIPT_NAME = 'templateRealmScript.js';

export function defaultRealmScript(): string {
  return path.join(__dirname, REALM_SCRIPT_NAME);
}

/**
 * After the realm's script ran: its entry point moves into a global constant (no template code can
 * reassign or delete it) and the realm loses what could run code outside a render's time limit
 * (Atomics.wait blocks; finalizer callbacks run later, as host tasks) or is simply not needed.
 */
const BOOTSTRAP = `
const __greenroomAnswer = globalThis.greenroomRealm.answer;
delete globalThis.greenroomRealm;
for (const name of ['Atomics', 'SharedArrayBuffer', 'WebAssembly', 'FinalizationRegistry', 'WeakRef']) delete globalThis[name];
`;

/** One call: whatever the realm's code does, this script returns a string or is terminated. */
const CALL = `(() => { try { const answer = __greenroomAnswer(__greenroomInput); return typeof answer === 'string' ? answer : ${JSON.stringify(`${ERROR_ANSWER}{"error":{"message":"the template's sandbox gave no answer"}}`)}; } catch { return ${JSON.stringify(`${ERROR_ANSWER}{"error":{"message":"the template's sandbox failed"}}`)}; } })()`;

interface CompiledScripts {
  readonly file: string;
  readonly realm: vm.Script;
  readonly bootstrap: vm.Script;
  readonly call: vm.Script;
}

let compiled: CompiledScripts | undefined;
/** A realm made ahead of time that has run only Greenroom's own warm-up render, never a template's. */
let spare: { readonly file: string; readonly realm: TemplateRealm } | undefined;

/** Exercises the common paths once, so the first render of a run does not pay for lazy compilation. */
const WARM_UP_TEXT =
  '${{ values.name | upper }}{% if values.on %}{% for item in values.items %}${{ loop.index }}${{ item | dump }}{% endfor %}{% endif %}${{ values.ref | parseEntityRef | pick("name") }}';
const WARM_UP_CONTEXT = { values: { name: 'warm', on: true, items: ['a', 1], ref: 'group:default/warm' } };

/** Compiled once per thread; a compiled script runs in any number of contexts. */
function scripts(file: string): CompiledScripts {
  if (compiled?.file !== file) {
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(
        `the template sandbox script ${file} cannot be read (${error instanceof Error ? error.message : String(error)}); rebuild Greenroom`,
        { cause: error },
      );
    }
    compiled = {
      file,
      realm: new vm.Script(source, { filename: REALM_SCRIPT_NAME }),
      bootstrap: new vm.Script(BOOTSTRAP),
      call: new vm.Script(CALL),
    };
  }
  return compiled;
}

/** Raised when a render ran out of time; the caller knows which file and step that was. */
export class RealmTimeout extends Error {
  constructor() {
    super('the render ran out of time');
    this.name = 'RealmTimeout';
  }
}

/** A render's failure as the realm described it (plain data, parsed on this side). */
export class RealmRenderError extends Error {
  constructor(
    readonly realmError: RealmError,
    readonly path: readonly (string | number)[] | undefined,
  ) {
    super(realmError.message);
    this.name = 'RealmRenderError';
  }
}

/** The realm's own global, where the host sets the input of each call. */
type RealmGlobal = Record<string, unknown>;

function createGlobal(): RealmGlobal {
  const options: vm.CreateContextOptions = { name: 'greenroom template realm' };
  const dontContextify = (vm.constants as unknown as { DONT_CONTEXTIFY?: symbol } | undefined)?.DONT_CONTEXTIFY;
  if (dontContextify !== undefined) {
    // Node ≥ 20.18 / 22.8: the context's global is an ordinary object of that context, with no
    // interceptors forwarding to an object of this realm.
    return (vm.createContext as unknown as (sandbox: symbol, options: vm.CreateContextOptions) => RealmGlobal)(
      dontContextify,
      options,
    );
  }
  // Older Node: the global forwards to this object; with no prototype, no lookup reaches ours.
  const sandbox = Object.create(null) as RealmGlobal;
  vm.createContext(sandbox, options);
  return sandbox;
}

/**
 * A fresh JavaScript realm (a `node:vm` context) with nunjucks, Backstage's filters and the
 * rendering logic inside, and nothing of the host: no `process`, `require`, `import()` or host
 * object. Only strings cross — template text and JSON in, text or JSON out — so a template that
 * climbs to `Function` gets the realm's own, whose global holds plain data only. Each call runs
 * under a time limit. Create one per template run: code a template smuggles into the realm dies
 * with it.
 */
export class TemplateRealm {
  private lastContext: string | undefined;

  private constructor(
    private readonly realmGlobal: RealmGlobal,
    private readonly call: vm.Script,
  ) {}

  /** A fresh realm: the spare one when it was made from the same script, else a new one. */
  static create(scriptFile: string = defaultRealmScript()): TemplateRealm {
    if (spare?.file === scriptFile) {
      const { realm } = spare;
      spare = undefined;
      return realm;
    }
    return TemplateRealm.createNew(scriptFile);
  }

  /**
   * Makes the realm the next `create` returns, while this thread has nothing else to do (the
   * worker, between runs). It runs a fixed warm-up render of Greenroom's own, so it is as fresh
   * as a new one for the template that gets it.
   */
  static prepareSpare(scriptFile: string = defaultRealmScript()): void {
    if (spare?.file === scriptFile) {
      return;
    }
    const realm = TemplateRealm.createNew(scriptFile);
    realm.setContext(WARM_UP_CONTEXT, 1000);
    realm.renderText({ op: 'text', text: WARM_UP_TEXT, options: {}, name: 'warm-up' }, 1000);
    realm.renderDeep({ a: '${{ values.items }}', b: 'x ${{ values.name }}' }, 1000);
    realm.setContext({}, 1000);
    spare = { file: scriptFile, realm };
  }

  private static createNew(scriptFile: string): TemplateRealm {
    const compiledScripts = scripts(scriptFile);
    const realmGlobal = createGlobal();
    const context = realmGlobal;
    compiledScripts.realm.runInContext(context);
    compiledScripts.bootstrap.runInContext(context);
    return new TemplateRealm(realmGlobal, compiledScripts.call);
  }

  /** Makes `context` (plain JSON data) what the next renders read; re-sent only when it changed. */
  setContext(context: object, timeoutMs: number): void {
    const json = JSON.stringify(context);
    if (json !== this.lastContext) {
      this.lastContext = undefined;
      this.ask(`{"op":"context","context":${json}}`, timeoutMs);
      this.lastContext = json;
    }
  }

  renderText(request: Extract<RealmRequest, { op: 'text' }>, timeoutMs: number): string {
    const answer = this.ask(JSON.stringify(request), timeoutMs);
    if (answer.startsWith(TEXT_ANSWER)) {
      return answer.slice(1);
    }
    throw this.failure(answer);
  }

  renderDeep(value: unknown, timeoutMs: number): unknown {
    const answer = this.ask(JSON.stringify({ op: 'deep', value }), timeoutMs);
    if (answer.startsWith(VALUE_ANSWER)) {
      return (JSON.parse(answer.slice(1)) as { value?: unknown }).value;
    }
    throw this.failure(answer);
  }

  /** Runs `code` in the realm and returns `typeof` its result or its string; for tests of the boundary. */
  evaluateForTest(code: string, timeoutMs = 1000): string {
    this.setInput(code);
    const result: unknown = vm.runInContext(
      '(() => { try { const value = (0, eval)(__greenroomInput); return typeof value === "string" ? value : typeof value; } catch (error) { return "threw " + String(error); } })()',
      this.realmGlobal,
      { timeout: timeoutMs },
    );
    return typeof result === 'string' ? result : 'not a string';
  }

  private failure(answer: string): Error {
    if (!answer.startsWith(ERROR_ANSWER)) {
      return new RealmRenderError({ message: "the template's sandbox gave an unreadable answer" }, undefined);
    }
    const parsed = JSON.parse(answer.slice(1)) as { error?: RealmError; path?: (string | number)[] };
    const error =
      parsed.error && typeof parsed.error.message === 'string'
        ? parsed.error
        : { message: "the template's sandbox failed" };
    return new RealmRenderError(error, Array.isArray(parsed.path) ? parsed.path : undefined);
  }

  private setInput(input: string): void {
    // A data property replaces whatever a template defined under that name, without calling it.
    Object.defineProperty(this.realmGlobal, '__greenroomInput', {
      value: input,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }

  private ask(input: string, timeoutMs: number): string {
    if (timeoutMs <= 0) {
      throw new RealmTimeout();
    }
    let answer: unknown;
    try {
      this.setInput(input);
      answer = this.call.runInContext(this.realmGlobal, { timeout: Math.max(1, Math.ceil(timeoutMs)) });
    } catch (error) {
      // The call script catches everything the realm throws; what reaches here is Node's own error.
      if (
        !types.isProxy(error) &&
        types.isNativeError(error) &&
        (error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT'
      ) {
        throw new RealmTimeout();
      }
      throw new RealmRenderError({ message: "the template's sandbox failed" }, undefined);
    }
    if (typeof answer !== 'string') {
      throw new RealmRenderError({ message: "the template's sandbox gave no answer" }, undefined);
    }
    return answer;
  }
}
