import * as vscode from 'vscode';
import type { CommandLink } from '../../catalog/language';

/** The only commands a hover may run when clicked. */
export const HOVER_COMMANDS: readonly string[] = ['greenroom.openEntity', 'greenroom.openDocs', 'greenroom.openDescriptor', 'greenroom.copyEntityRef'];

export const commandLink: CommandLink = (command, args) => `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;

export function trustedMarkdown(text: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(text, true);
  markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  markdown.supportHtml = false;
  return markdown;
}
