import * as path from 'node:path';
import { inputError, quoted } from '../scaffolderErrors';
import { joinWorkspacePath, resolveInside } from '../workspacePaths';
import { optionalString, requiredString } from './actionInputs';
import { StepSkipped, type ActionContext, type LocalAction } from './actionContext';

async function localSource(context: ActionContext, url: string, action: string) {
  const source = await context.templateFolder.resolve(url);
  if (source.kind === 'remote') {
    throw new StepSkipped(
      `${action} from ${source.url} needs network access; Greenroom only copies files inside the template's folder`,
    );
  }
  return source;
}

/** `fetch:plain`: copies a folder (or one file) of the template verbatim, nothing rendered. */
export const fetchPlain: LocalAction = async (context) => {
  const url = requiredString(context.input, 'url');
  const targetInput = optionalString(context.input, 'targetPath');
  const target = resolveInside('', targetInput ?? './', { what: 'targetPath', allowBase: true });
  const source = await localSource(context, url, 'fetch:plain');
  if (source.isFile) {
    const destination =
      target === '' || targetInput === undefined ? joinWorkspacePath(target, path.basename(source.path)) : target;
    context.workspace.put(destination, await context.templateFolder.read(source.path));
    context.log(`Copied ${url} to ${destination}`);
    return;
  }
  const files = await context.templateFolder.listFiles(source);
  const destinations = files.map((file) => resolveInside(target, file.relativePath, { what: 'entry' }));
  const contents = await context.templateFolder.readAll(files.map((file) => file.absolutePath));
  destinations.forEach((destination, index) => {
    const content = contents[index];
    if (content) {
      context.workspace.put(destination, content);
    }
  });
  context.log(`Copied ${files.length} files from ${url} into ${target === '' ? 'the workspace root' : target}`);
};

/** `fetch:plain:file`: copies one file of the template verbatim to `targetPath`. */
export const fetchPlainFile: LocalAction = async (context) => {
  const url = requiredString(context.input, 'url');
  const target = resolveInside('', requiredString(context.input, 'targetPath'), { what: 'targetPath' });
  const source = await localSource(context, url, 'fetch:plain:file');
  if (!source.isFile) {
    throw inputError(`url ${quoted(url)} is a folder; fetch:plain:file needs a file`);
  }
  context.workspace.put(target, await context.templateFolder.read(source.path));
  context.log(`Copied ${url} to ${target}`);
};
