import { inputError, quoted } from '../scaffolderErrors';
import { bytesOf, textOf } from '../textContent';
import { resolveInside } from '../workspacePaths';
import { optionalBoolean, requiredString } from './actionInputs';
import { StepSkipped, type LocalAction } from './actionContext';
import { renderContext } from './fetchTemplate';

/** `fetch:template:file`: one rendered file at `targetPath`; an existing file is kept unless `replace`. */
export const fetchTemplateFile: LocalAction = async (context) => {
  const url = requiredString(context.input, 'url');
  const target = resolveInside('', requiredString(context.input, 'targetPath'), { what: 'targetPath' });
  const source = await context.templateFolder.resolve(url);
  if (source.kind === 'remote') {
    throw new StepSkipped(
      `fetch:template:file from ${source.url} needs network access; Greenroom only reads files inside the template's folder`,
    );
  }
  if (!source.isFile) {
    throw inputError(`url ${quoted(url)} is a folder; fetch:template:file needs a file`);
  }
  if (context.workspace.has(target) && !optionalBoolean(context.input, 'replace')) {
    context.log(`Keeping the existing ${target} (replace is not set)`);
    return;
  }
  const cookiecutterCompat = optionalBoolean(context.input, 'cookiecutterCompat');
  const options = {
    trimBlocks: optionalBoolean(context.input, 'trimBlocks'),
    lstripBlocks: optionalBoolean(context.input, 'lstripBlocks'),
    cookiecutterCompat,
  };
  const { content, executable } = await context.templateFolder.read(source.path);
  const text = textOf(content);
  const rendered =
    text === undefined
      ? content
      : bytesOf(
          context.templating.renderText(
            text,
            renderContext(context, cookiecutterCompat),
            { file: source.path },
            options,
          ),
        );
  context.workspace.put(target, { content: rendered, executable });
  context.log(`Rendered ${url} into ${target}`);
};
