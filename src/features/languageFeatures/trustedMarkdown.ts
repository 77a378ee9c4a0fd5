import * as vscode from 'vscode';
import type { CommandLink } from '../../catalog/language';
import { HOVER_COMMANDS } from '../../shared/commands';

export const commandLink: CommandLink = (command, args) =>
  `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;

export function trustedMarkdown(text: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(text, true);
  markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  markdown.supportHtml = false;
  return markdown;
}
