import { textOf } from '../textContent';
import type { LocalAction } from './actionContext';

function printable(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** `debug:log`: writes `message` (and `extra`) to the step log, optionally listing the workspace. */
export const debugLog: LocalAction = (context) => {
  const { input, workspace } = context;
  if (input['message'] !== undefined) {
    context.log(printable(input['message']));
  }
  if (input['extra'] !== undefined) {
    context.log(printable(input['extra']));
  }
  const listWorkspace = input['listWorkspace'];
  if (listWorkspace === true || listWorkspace === 'with-filenames' || listWorkspace === 'with-contents') {
    const lines = workspace.list().map(([filePath, file]) => {
      const text = listWorkspace === 'with-contents' ? textOf(file.content) : undefined;
      return text === undefined ? `- ${filePath}` : `- ${filePath}:\n${text}`;
    });
    context.log(`Workspace:\n${lines.join('\n')}`);
  }
};

/** `debug:wait`: nothing to wait for in a local run; logs instead of sleeping. */
export const debugWait: LocalAction = (context) => {
  context.log('debug:wait does not wait in a local run');
};
