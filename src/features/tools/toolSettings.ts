import * as vscode from 'vscode';
import type { ToolShortcut } from '../../plugins/builtin/toolsPlugin';

export function readTools(): ToolShortcut[] {
  const raw = vscode.workspace.getConfiguration('greenroom').get<unknown>('tools');
  if (!Array.isArray(raw)) {
    return [];
  }
  return raw.flatMap((entry): ToolShortcut[] => {
    if (!entry || typeof entry !== 'object') {
      return [];
    }
    const { title, url, command, icon } = entry as Record<string, unknown>;
    if (typeof title !== 'string' || (typeof url !== 'string' && typeof command !== 'string')) {
      return [];
    }
    return [{ title, ...(typeof url === 'string' ? { url } : {}), ...(typeof command === 'string' ? { command } : {}), ...(typeof icon === 'string' ? { icon } : {}) }];
  });
}
