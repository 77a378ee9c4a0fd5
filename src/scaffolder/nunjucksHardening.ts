import * as nunjucks from 'nunjucks';
import { BLOCKED_KEYS } from './filters';

/**
 * Nunjucks is not a sandbox: `${{ range.constructor("return process")() }}` runs host code, and
 * a bare `${{ valueOf }}` resolves to `Object.prototype.valueOf` because the context is a plain
 * object. Backstage renders inside isolated-vm for that reason; Greenroom has no isolate, so it
 * closes the two doors compiled templates use to reach values: member lookups (`a.b`, `a["b"]`)
 * refuse the names that climb to `Function`, and name lookups refuse names inherited from
 * `Object.prototype`. Data reaches templates only as JSON copies (no host functions) and the
 * environments have no loader, so `include`/`import`/`extends` read nothing.
 *
 * The patch is on the shared runtime module that compiled templates call at render time, so it
 * applies to every Nunjucks environment in the process; no legitimate template needs these names.
 */
interface NunjucksRuntime {
  memberLookup(target: unknown, key: unknown): unknown;
  contextOrFrameLookup(context: unknown, frame: unknown, name: string): unknown;
  greenroomHardened?: boolean;
}

const runtime = (nunjucks as unknown as { runtime: NunjucksRuntime }).runtime;

function isBlocked(key: unknown): boolean {
  return typeof key === 'string' && BLOCKED_KEYS.has(key);
}

export function hardenNunjucks(): void {
  if (runtime.greenroomHardened) {
    return;
  }
  const memberLookup = runtime.memberLookup.bind(runtime);
  const contextOrFrameLookup = runtime.contextOrFrameLookup.bind(runtime);
  runtime.memberLookup = (target, key) => (isBlocked(key) ? undefined : memberLookup(target, key));
  runtime.contextOrFrameLookup = (context, frame, name) => {
    if (isBlocked(name)) {
      return undefined;
    }
    const value = contextOrFrameLookup(context, frame, name);
    // Frames and contexts are plain objects: `toString`, `valueOf`, … are not template variables.
    const inherited = Object.hasOwn(Object.prototype, name) && value === (Object.prototype as Record<string, unknown>)[name];
    return inherited ? undefined : value;
  };
  runtime.greenroomHardened = true;
}
