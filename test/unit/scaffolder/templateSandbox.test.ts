import * as assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ScaffolderError, TemplateRunner } from '../../../src/scaffolder';
import { TemplateRealm } from '../../../src/scaffolder/sandbox/templateRealm';
import { skeletonTemplate, stepInputTemplate } from './support/sandboxFixtures';
import { runCli, tempFolder, type TempFolder } from './support/scaffolderFixtures';

/**
 * JavaScript that tries every route from a Function body to the host: `process`, `require`,
 * `module`, the classic vm escape through `this.constructor.constructor`, and `import()`. Each
 * route writes MARKER (with fs, and with child_process); double quotes only, so it fits in a
 * single-quoted template string.
 */
function payload(marker: string): string {
  const write = `function (r) { try { r("fs").writeFileSync("${marker}", "pwned"); } catch (e) {} try { r("child_process").execSync("touch ${marker}"); } catch (e) {} }`;
  return [
    `var w = ${write};`,
    'try { w(process.mainModule.require); } catch (e) {}',
    'try { w(require); } catch (e) {}',
    'try { w(module.require); } catch (e) {}',
    'try { w(globalThis.process.mainModule.require); } catch (e) {}',
    'try { w(this.process.mainModule.require); } catch (e) {}',
    'try { w(this.constructor.constructor("return process")().mainModule.require); } catch (e) {}',
    `try { import("node:fs").then(function (m) { m.writeFileSync("${marker}", "pwned"); }, function () {}); } catch (e) {}`,
    `try { import("node:child_process").then(function (m) { m.execSync("touch ${marker}"); }, function () {}); } catch (e) {}`,
    'return "";',
  ].join(' ');
}

/** Known nunjucks/Jinja sandbox escapes; `F` stands for the payload as a template string literal. */
const ESCAPES: readonly (readonly [string, string])[] = [
  ['dotted lookup', '${{ range.constructor(F)() }}'],
  ['bracketed lookup', "${{ range['constructor'](F)() }}"],
  ['array key (the reported bypass)', "${{ range[['constructor']](F)() }}"],
  ['array key with double quotes', '${{ range[["constructor"]](F)() }}'],
  ['nested array key', "${{ range[[['constructor']]](F)() }}"],
  ['built string', "${{ range['con' ~ 'structor'](F)() }}"],
  ['number lookup on a string', "${{ 'x'[0].constructor.constructor(F)() }}"],
  ['string method climb', "${{ 'x'.toString.constructor(F)() }}"],
  ['.toString.constructor', '${{ range.toString.constructor(F)() }}'],
  ['__proto__', '${{ range.__proto__.constructor(F)() }}'],
  ['__proto__ by array key', "${{ range[['__proto__']][['constructor']](F)() }}"],
  ['cycler', "${{ cycler('a', 'b').next.constructor(F)() }}"],
  ['cycler by array key', "${{ cycler('a')[['next']][['constructor']](F)() }}"],
  ['joiner', '${{ joiner().constructor(F)() }}'],
  ['joiner by array key', "${{ joiner()[['constructor']](F)() }}"],
  ['object literal', "${{ {a: 1}[['constructor']][['constructor']](F)() }}"],
  ['array literal', "${{ [1][['constructor']][['constructor']](F)() }}"],
  ['caller', "{% macro m() %}${{ caller[['constructor']](F)() }}{% endmacro %}{% call m() %}x{% endcall %}"],
  ['macro', "{% macro m() %}x{% endmacro %}${{ m[['constructor']](F)() }}"],
  ['loop object', "{% for i in [1] %}${{ loop[['constructor']][['constructor']](F)() }}{% endfor %}"],
  ['filter returning a function', "${{ ([range] | first)[['constructor']](F)() }}"],
  ['default filter returning a function', "${{ (nothing | default(range))[['constructor']](F)() }}"],
  ['pick into a function', "${{ (values | pick('constructor'))(F)() }}"],
  ['set of a built name', "{% set c = 'constr' ~ 'uctor' %}${{ range[[c]](F)() }}"],
  ['set of the Function itself', "{% set f = range[['constructor']] %}${{ f(F)() }}"],
  ['set block', '{% set c %}constructor{% endset %}${{ range[[c | trim]](F)() }}'],
  [
    'error object constructor',
    "${{ range[['constructor']]('try { null.x } catch (e) { return e.constructor.constructor(' ~ F ~ ') }')()() }}",
  ],
  ['this', "${{ range[['constructor']]('return this')()[['constructor']][['constructor']](F)() }}"],
  ['globalThis', "${{ range[['constructor']]('return globalThis')()[['Function']](F)() }}"],
  ['Function("return this")()', "${{ range[['constructor']]('return Function(\"return this\")()')().process }}"],
  ['process and require as names', "${{ process.mainModule.require('fs').writeFileSync(F, 'x') }}${{ require('fs') }}"],
  ['dynamic import', "${{ range[['constructor']]('return import(\"node:fs\")')() }}"],
  ['eval', "${{ range[['constructor']]('return eval')()(F) }}"],
];

function template(text: string, marker: string): string {
  // The payload contains no single quote; the marker path none either (a temp folder).
  return text.split('F').join(`'${payload(marker).split('F').join('\\x46')}'`);
}

/** Waits a moment for asynchronous escape attempts (import().then) to land. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 100));
}

describe('template sandbox', () => {
  describe('the realm', () => {
    it('holds no process, require, module, Buffer or host global, by any route', () => {
      const realm = TemplateRealm.create();
      const probes: Record<string, string> = {
        'typeof process': 'undefined',
        'typeof require': 'undefined',
        'typeof module': 'undefined',
        'typeof Buffer': 'undefined',
        'typeof setTimeout': 'undefined',
        'typeof globalThis.process': 'undefined',
        'typeof Function("return this")().process': 'undefined',
        'this.constructor.constructor("return typeof process")()': 'undefined',
        'typeof ({}).constructor.constructor("return globalThis")().require': 'undefined',
        'typeof Atomics + typeof SharedArrayBuffer + typeof WebAssembly': 'undefinedundefinedundefined',
        'Object.getOwnPropertyNames(globalThis).filter((name) => /^(process|require|module|Buffer|__dirname)$/.test(name)).join()':
          '',
        'Object.getPrototypeOf(globalThis) === Object.prototype || Object.getPrototypeOf(Object.getPrototypeOf(globalThis)) === Object.prototype ? "own" : "foreign"':
          'own',
      };
      for (const [code, expected] of Object.entries(probes)) {
        assert.equal(realm.evaluateForTest(code), expected, code);
      }
    });

    it('runs arbitrary code without reaching the file system or child processes', async () => {
      const temp = tempFolder('greenroom-realm-');
      try {
        const marker = path.join(temp.path, 'MARKER');
        const realm = TemplateRealm.create();
        assert.equal(realm.evaluateForTest(`(function () { ${payload(marker)} })()`), '');
        assert.equal(realm.evaluateForTest(`Function(${JSON.stringify(payload(marker))})()`), '');
        await settle();
        assert.ok(!existsSync(marker));
      } finally {
        temp.remove();
      }
    });

    it('refuses dynamic import()', async () => {
      const realm = TemplateRealm.create();
      realm.evaluateForTest(
        'globalThis.outcome = "pending"; import("node:fs").then(() => { globalThis.outcome = "loaded"; }, (error) => { globalThis.outcome = "refused: " + error.message; }); ""',
      );
      await settle();
      assert.match(realm.evaluateForTest('globalThis.outcome'), /^refused: /);
    });

    it('is fresh for every run: what one template leaves behind, the next does not see', () => {
      const first = TemplateRealm.create();
      first.evaluateForTest('Object.prototype.polluted = "yes"; String.prototype.trim = () => "hijacked"; ""');
      assert.equal(first.evaluateForTest('({}).polluted'), 'yes');
      const second = TemplateRealm.create();
      assert.equal(second.evaluateForTest('typeof ({}).polluted'), 'undefined');
      assert.equal(second.evaluateForTest('" a ".trim()'), 'a');
    });

    it('stops code that runs too long', () => {
      const realm = TemplateRealm.create();
      const started = Date.now();
      assert.throws(() => realm.evaluateForTest('for (;;) {}', 200), /timed out/);
      assert.ok(Date.now() - started < 2000);
    });
  });

  describe('known escapes reach nothing: no marker file, at most a clear rendering error', () => {
    let temp: TempFolder;
    let runner: TemplateRunner;
    let marker: string;

    before(() => {
      runner = new TemplateRunner({ budgets: { timeSeconds: 5 } });
    });
    after(() => runner.dispose());
    beforeEach(() => {
      temp = tempFolder('greenroom-escape-');
      marker = path.join(temp.path, 'MARKER');
    });
    afterEach(() => temp.remove());

    async function assertHarmless(outcome: Promise<unknown>, what: string): Promise<void> {
      try {
        await outcome;
      } catch (error) {
        assert.ok(error instanceof ScaffolderError, `${what}: expected a ScaffolderError, got ${String(error)}`);
        assert.equal(error.kind, 'rendering', `${what}: ${error.message}`);
        assert.ok(error.location?.file, `${what}: the error names no file`);
      }
      await settle();
      assert.ok(!existsSync(marker), `${what}: the template wrote ${marker}`);
    }

    for (const [name, text] of ESCAPES) {
      it(name, async () => {
        const attack = template(text, marker);
        const skeleton = skeletonTemplate(path.join(temp.path, 'a'), attack);
        const input = stepInputTemplate(path.join(temp.path, 'b'), attack);
        await assertHarmless(runner.run({ templateFile: skeleton, values: {} }), 'dry run, skeleton file');
        await assertHarmless(runner.run({ templateFile: input, values: {} }), 'dry run, step input');
      });
    }

    // The CLI starts a worker per run: a representative few, through --dry-run and a real write.
    for (const [name, text] of ESCAPES.filter(([escape]) =>
      /reported bypass|cycler by|object literal|caller|error object|dynamic import|set of the Function/.test(escape),
    )) {
      it(`greenroom scaffold: ${name}`, async () => {
        const attack = template(text, marker);
        const values = path.join(temp.path, 'values.json');
        writeFileSync(values, '{}');
        const dry = await runCli(
          'scaffold',
          stepInputTemplate(path.join(temp.path, 'b'), attack),
          '--values',
          values,
          '--dry-run',
        );
        const written = await runCli(
          'scaffold',
          skeletonTemplate(path.join(temp.path, 'a'), attack),
          '--values',
          values,
          '--out',
          path.join(temp.path, 'out'),
        );
        await settle();
        assert.ok(!existsSync(marker), `the template wrote ${marker}`);
        for (const run of [dry, written]) {
          assert.ok(
            run.code === 0 || (run.code === 1 && /rendering error: /.test(run.stderr)),
            `exit ${run.code}: ${run.stderr}`,
          );
        }
      });
    }
  });
});
