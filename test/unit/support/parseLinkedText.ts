/** A link VS Code found in message text: what it shows and where a click goes. */
export interface MessageLink {
  readonly label: string;
  readonly href: string;
}

/**
 * A model of VS Code's `parseLinkedText` (vs/base/common/linkedText.ts, unchanged in the VS Code
 * 1.139 that code-server ships): the regular expression is VS Code's, quoted as written there.
 * Notifications and input box messages draw each link it finds as an anchor that runs its target
 * (commands allowed); the text between is drawn as text.
 */
// eslint-disable-next-line no-useless-escape -- VS Code's expression, character for character
const LINK_REGEX = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^\)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

export function parseLinkedText(text: string): { links: MessageLink[]; text: string } {
  const links: MessageLink[] = [];
  let shown = '';
  let index = 0;
  for (const match of text.matchAll(LINK_REGEX)) {
    shown += text.substring(index, match.index);
    const [, label = '', href = ''] = match;
    links.push({ label, href });
    shown += label;
    index = match.index + match[0].length;
  }
  return { links, text: shown + text.substring(index) };
}

/**
 * VS Code's `stripIcons` (vs/base/common/iconLabels.ts): a progress notification's text loses its
 * `$(icon)`s (not escaped ones) before its links are looked for.
 */
export function stripIcons(text: string): string {
  return text.replace(/(\s)?(\\)?\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)(\s)?/g, (match, before, escaped, after) =>
    escaped ? match : ((before as string | undefined) ?? (after as string | undefined) ?? ''),
  );
}

/** The links each surface draws for a message, the way VS Code prepares its text first. */
export const messageSurfaces = {
  /** `show{Information,Warning,Error}Message`, not modal: lines joined, trimmed. */
  notification: (message: string) => parseLinkedText(message.replace(/(\r\n|\n|\r)/gm, ' ').trim()),
  /** `withProgress` in a notification: `title: message`, icons stripped, then as a notification. */
  progressNotification: (title: string, message: string) =>
    messageSurfaces.notification(stripIcons(`${title}: ${message}`)),
  /** An input box prompt is shown inside VS Code's own sentence. */
  inputBoxPrompt: (prompt: string) => parseLinkedText(`${prompt} (Press 'Enter' to confirm or 'Escape' to cancel)`),
  validationMessage: (message: string) => parseLinkedText(message),
};
