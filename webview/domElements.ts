// DOM building for the webviews. Text goes in through textContent only, so words from a catalog
// or a template can never become markup.

/** A new element with an optional class and text. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/**
 * Links a page's own stylesheet from media/, found relative to its script's URL (the shell links
 * only the shared panel.css; webview URIs are only known at run time).
 */
export function linkOwnStylesheet(scriptName: string, stylesheetName: string): void {
  const ownScript = document.querySelector<HTMLScriptElement>(`script[src*="${scriptName}"]`)?.src;
  if (ownScript) {
    document.head.append(
      Object.assign(document.createElement('link'), {
        rel: 'stylesheet',
        href: new URL(`../../media/${stylesheetName}`, ownScript).toString(),
      }),
    );
  }
}
