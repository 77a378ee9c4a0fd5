import * as nunjucks from 'nunjucks';
import { nunjucksOptions, type RealmRenderOptions } from './realm/realmProtocol';

/**
 * Compiles template text to nunjucks' JavaScript on this side of the realm boundary, cached by
 * text, options and file. Compiling is code generation only — nothing of the template runs here;
 * the code runs in the run's realm, built with that realm's Function. A fresh realm has cold
 * code, and lexing, parsing and compiling there was most of a render's cost; here it is warm, and
 * a preview run again compiles nothing. The cache holds only what this side generated from text,
 * so no run can leave anything in it for another.
 */
interface NunjucksCompiler {
  compile(
    source: string,
    asyncFilters: readonly string[],
    extensions: readonly unknown[],
    name: string,
    options: object,
  ): string;
}

const compiler = (nunjucks as unknown as { compiler: NunjucksCompiler }).compiler;
const MAX_ENTRIES = 4000;
const MAX_TOTAL_CHARS = 64 * 1024 * 1024;
const cache = new Map<string, string>();
let totalChars = 0;

/** The compiled JavaScript of `text`; throws nunjucks' own error (with line and column) when it does not parse. */
export function compileTemplate(text: string, options: RealmRenderOptions, name: string): string {
  const key = `${options.trimBlocks === true}:${options.lstripBlocks === true}:${options.cookiecutterCompat === true}\0${name}\0${text}`;
  const cached = cache.get(key);
  if (cached !== undefined) {
    // Most recently used last, so the oldest go first.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const code = compiler.compile(text, [], [], name, nunjucksOptions(options));
  cache.set(key, code);
  totalChars += key.length + code.length;
  for (const [oldKey, oldCode] of cache) {
    if (cache.size <= MAX_ENTRIES && totalChars <= MAX_TOTAL_CHARS) {
      break;
    }
    cache.delete(oldKey);
    totalChars -= oldKey.length + oldCode.length;
  }
  return code;
}
