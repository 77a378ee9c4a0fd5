import { joinRelative, type FolderFiles } from '../folderFiles';
import { emptyFacts, markerEvidence, unreadable, type ManifestFacts } from './manifestFacts';

const SERVER_MODULES: ReadonlySet<string> = new Set([
  'github.com/gin-gonic/gin',
  'github.com/labstack/echo/v4',
  'github.com/labstack/echo',
  'github.com/gofiber/fiber/v2',
  'github.com/gorilla/mux',
  'github.com/go-chi/chi/v5',
  'github.com/go-chi/chi',
  'google.golang.org/grpc',
  'github.com/grpc-ecosystem/grpc-gateway/v2',
  'github.com/valyala/fasthttp',
  'github.com/julienschmidt/httprouter',
]);

/** The module paths a go.mod requires, single-line and block form. */
function requiredModules(text: string): string[] {
  const modules: string[] = [];
  let inBlock = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (inBlock) {
      if (line === ')') {
        inBlock = false;
      } else if (line) {
        modules.push(line.split(/\s+/)[0] ?? '');
      }
    } else if (/^require\s*\($/.test(line)) {
      inBlock = true;
    } else {
      const single = /^require\s+(\S+)\s+\S+/.exec(line);
      if (single?.[1]) {
        modules.push(single[1]);
      }
    }
  }
  return modules.filter((module) => module.length > 0);
}

/** go.mod: the module path; `package main` in main.go or cmd/<x>/main.go makes it runnable. */
export async function readGoMod(files: FolderFiles, folder: string): Promise<ManifestFacts | undefined> {
  const file = joinRelative(folder, 'go.mod');
  const read = await files.readText(file);
  if (read.kind === 'missing') {
    return undefined;
  }
  if (read.kind === 'too-large') {
    return unreadable('go.mod', file, read);
  }
  const module = /^\s*module\s+"?([^\s"]+)"?/m.exec(read.text)?.[1];
  if (!module) {
    return emptyFacts('go.mod', file, `${file} has no "module" line`);
  }
  const dependencies = requiredModules(read.text);
  const runnable: string[] = [];
  for (const candidate of ['main.go', 'cmd/main.go']) {
    const main = await files.readText(joinRelative(folder, candidate), 256 * 1024);
    if (main.kind === 'text' && /^package main\b/m.test(main.text)) {
      runnable.push(`${joinRelative(folder, candidate)} is package main`);
    }
  }
  const walked = await files.files(folder);
  const prefix = folder === '' ? '' : `${folder}/`;
  const commands = walked.filter((entry) =>
    new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}cmd/[^/]+/main\\.go$`).test(entry.relative),
  );
  if (commands.length > 0) {
    runnable.push(
      `${commands.length} command(s) under ${prefix}cmd/ (${commands
        .slice(0, 3)
        .map((entry) => entry.relative)
        .join(', ')})`,
    );
  }
  return {
    format: 'go.mod',
    file,
    name: module,
    dependencies,
    members: [],
    aggregateOnly: false,
    serverEvidence: markerEvidence(dependencies, SERVER_MODULES, file),
    frontEndEvidence: [],
    runnableEvidence: runnable,
  };
}
