import * as path from 'node:path';
import picomatch from 'picomatch';
import { isPlainObject } from '../parameterPages';
import { inputError, quoted } from '../scaffolderErrors';
import type { SourceFile } from '../templateFolder';
import { jsonCopy, type RenderOptions } from '../templating';
import { bytesOf, textOf } from '../textContent';
import { resolveInside } from '../workspacePaths';
import { optionalBoolean, optionalString } from './actionInputs';
import { StepSkipped, type ActionContext, type LocalAction } from './actionContext';

interface TemplateSettings {
  readonly copyOnly: ((relativePath: string) => boolean) | undefined;
  /** False only for the deprecated copyWithoutRender, whose matches also keep their literal name. */
  readonly renderFilename: boolean;
  readonly extension: string | undefined;
  readonly render: RenderOptions;
}

/** Backstage's resolveTemplateActionSettings, with its InputError messages. */
function settingsOf(context: ActionContext): TemplateSettings {
  const { input } = context;
  if (input['copyWithoutRender'] && input['copyWithoutTemplating']) {
    throw inputError('Fetch action input copyWithoutRender and copyWithoutTemplating can not be used at the same time');
  }
  const deprecated = Boolean(input['copyWithoutRender']);
  if (deprecated) {
    context.log('[Deprecated] copyWithoutRender is deprecated Please use copyWithoutTemplating instead.');
  }
  const patterns = deprecated ? input['copyWithoutRender'] : input['copyWithoutTemplating'];
  if (patterns !== undefined && !Array.isArray(patterns)) {
    throw inputError('Fetch action input copyWithoutRender/copyWithoutTemplating must be an Array');
  }
  const cookiecutterCompat = optionalBoolean(input, 'cookiecutterCompat');
  const extensionInput = input['templateFileExtension'];
  if (extensionInput && (patterns !== undefined || cookiecutterCompat)) {
    throw inputError(
      'Fetch action input extension incompatible with copyWithoutRender/copyWithoutTemplating and cookiecutterCompat',
    );
  }
  let extension: string | undefined;
  if (extensionInput) {
    if (extensionInput !== true && typeof extensionInput !== 'string') {
      // Backstage's input schema takes a string or a boolean; anything else would name files `.[object Object]`.
      throw inputError('input "templateFileExtension" must be a string or true');
    }
    extension = extensionInput === true ? '.njk' : extensionInput;
    extension = extension.startsWith('.') ? extension : `.${extension}`;
  }
  const globs = (patterns ?? [])
    .filter((pattern): pattern is string => typeof pattern === 'string')
    .map((pattern) => pattern.replace(/^\.\//, ''));
  return {
    copyOnly: globs.length > 0 ? picomatch(globs, { dot: true }) : undefined,
    renderFilename: !deprecated,
    extension,
    render: {
      trimBlocks: optionalBoolean(input, 'trimBlocks'),
      lstripBlocks: optionalBoolean(input, 'lstripBlocks'),
      cookiecutterCompat,
    },
  };
}

/** Backstage's skipping trick: `${{ 'x' if values.flag }}` renders empty and drops the entry. */
function isSkippedPath(renderedPath: string): boolean {
  return renderedPath === '' || renderedPath.startsWith('/') || renderedPath.includes('//');
}

export function renderContext(context: ActionContext, cookiecutterCompat: boolean): Record<string, unknown> {
  const values = isPlainObject(context.input['values']) ? jsonCopy(context.input['values']) : {};
  return { [cookiecutterCompat ? 'cookiecutter' : 'values']: values };
}

interface PlannedFile {
  readonly file: SourceFile;
  readonly outputPath: string;
  readonly renderContents: boolean;
}

/** Decides, per skeleton file, its output name and whether its contents are rendered. */
function plan(file: SourceFile, settings: TemplateSettings, renderName: (name: string) => string): PlannedFile {
  let outputPath = file.relativePath;
  let renderContents: boolean;
  if (settings.extension) {
    renderContents = path.posix.extname(outputPath) === settings.extension;
    if (renderContents) {
      outputPath = outputPath.slice(0, -settings.extension.length);
    }
    outputPath = renderName(outputPath);
  } else {
    renderContents = !settings.copyOnly?.(file.relativePath);
    if (settings.renderFilename || renderContents) {
      outputPath = renderName(outputPath);
    }
  }
  return { file, outputPath, renderContents };
}

/**
 * `fetch:template`: renders a skeleton folder of the template into the workspace (§5.6):
 * names and contents rendered with `values`, copy-only globs, `templateFileExtension`,
 * binary files and links copied as they are, existing files kept unless `replace`.
 */
export const fetchTemplate: LocalAction = async (context) => {
  const settings = settingsOf(context);
  const target = resolveInside('', optionalString(context.input, 'targetPath') ?? './', {
    what: 'targetPath',
    allowBase: true,
  });
  const url = context.input['url'];
  const source = await context.templateFolder.resolve(url);
  if (source.kind === 'remote') {
    throw new StepSkipped(
      `fetch:template from ${source.url} needs network access; Greenroom only reads skeletons inside the template's folder`,
    );
  }
  if (source.isFile) {
    throw inputError(
      `url ${quoted(String(url))} is a file; fetch:template needs a folder (use fetch:template:file for one file)`,
    );
  }
  const values = renderContext(context, settings.render.cookiecutterCompat === true);
  const replace = optionalBoolean(context.input, 'replace');
  const planned: (PlannedFile & { destination: string })[] = [];
  for (const file of await context.templateFolder.listFiles(source)) {
    const renderName = (name: string): string =>
      context.templating.renderText(
        name,
        values,
        { file: file.absolutePath, what: `the name of ${quoted(file.relativePath)}` },
        settings.render,
      );
    const entry = plan(file, settings, renderName);
    if (isSkippedPath(entry.outputPath)) {
      context.log(`Skipping ${file.relativePath}: its name renders to ${quoted(entry.outputPath)}`);
      continue;
    }
    const destination = resolveInside(target, entry.outputPath, {
      what: `skeleton entry ${quoted(file.relativePath)} rendered as`,
    });
    if (context.workspace.has(destination) && !replace) {
      context.log(`Keeping the existing ${destination} (replace is not set)`);
      continue;
    }
    planned.push({ ...entry, destination });
  }
  const contents = await context.templateFolder.readAll(planned.map(({ file }) => file.absolutePath));
  planned.forEach(({ file, renderContents, destination }, index) => {
    const { content, executable } = contents[index] ?? { content: new Uint8Array(), executable: false };
    const text = file.viaLink ? undefined : textOf(content);
    const rendered =
      text !== undefined && renderContents
        ? bytesOf(context.templating.renderText(text, values, { file: file.absolutePath }, settings.render))
        : content;
    context.workspace.put(destination, { content: rendered, executable });
  });
  context.log(
    `Rendered ${planned.length} files from ${String(url)} into ${target === '' ? 'the workspace root' : target}`,
  );
};
