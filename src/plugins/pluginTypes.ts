import type { Entity } from '@backstage/catalog-model';

/**
 * The public plugin API of Greenroom. Other extensions get it from
 * `vscode.extensions.getExtension('greenroom-dev.greenroom').activate()`; the built-in docs,
 * API, tools and overview features are plugins written against exactly these types.
 * No `vscode` types appear here, so a plugin can be written and tested without the editor.
 */
export interface EntityView {
  /** `kind:namespace/name`, lower case. */
  readonly ref: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** Title if set, else name. */
  readonly title: string;
  /** The descriptor (deep-frozen copy). */
  readonly entity: Readonly<Entity>;
  readonly relations: {
    readonly outgoing: readonly { readonly type: string; readonly target: string }[];
    readonly incoming: readonly { readonly type: string; readonly source: string }[];
  };
  /** `workspace`, or where a remote entity came from. */
  readonly origin: { readonly type: 'workspace' | 'registry' | 'url'; readonly label: string };
  /** Absolute path of the descriptor for workspace entities. */
  readonly file: string | undefined;
  /** One-based line of the entity in its descriptor. */
  readonly line: number | undefined;
  /** Catalog problems of this entity (validation, dangling refs, duplicates). */
  readonly problems: readonly {
    readonly severity: 'error' | 'warning' | 'info';
    readonly message: string;
    readonly line: number;
  }[];
}

/** What a tab's `render` may use: read access to the catalog and safe link builders. */
export interface TabRenderContext {
  /**
   * The tab's own navigation state (e.g. the docs page shown), set by `stateLink` clicks and
   * by `<vscode-textfield data-tab-search>` (as `search:<text>`); kept across reloads.
   */
  readonly state: string | undefined;
  /** A link that re-renders this tab with another state: `<a data-tab-state="…">`. */
  stateLink(state: string, label: string): string;
  getEntity(ref: string): EntityView | undefined;
  /** A link that opens another entity's page: `<a data-entity-ref="…">`. */
  entityLink(ref: string, label: string): string;
  /** A link opened in the browser after VS Code's usual confirmation: `<a data-href="https://…">`. */
  externalLink(url: string, label: string): string;
  /** Escapes text for HTML. */
  escape(text: string): string;
  /** Webview URI of a file in the entity's workspace folder (for images), or undefined outside it. */
  resourceUri(absolutePath: string): string | undefined;
}

/** A tab on the entity page. */
export interface EntityTab {
  /** Unique within the plugin. */
  readonly id: string;
  readonly title: string;
  /** Lower comes first; built-ins use 0 (Overview) to 30. */
  readonly order?: number;
  appliesTo(entity: EntityView): boolean;
  /**
   * HTML for the tab body. It is sanitized by Greenroom (no scripts, no event handlers,
   * no inline styles) and shown under Greenroom's CSP; interactivity comes from
   * `data-entity-ref`, `data-href`, `data-command` (+ `data-args` JSON) attributes.
   */
  render(entity: EntityView, context: TabRenderContext): string | Promise<string>;
}

/** Greenroom's Markdown escaper, for entity data a hover section shows. */
export interface HoverMarkdown {
  /** Text shown as exactly these characters (no links, images, HTML or `$(icon)`s). */
  escape(text: string): string;
  /** Text in a code span that it cannot end early. */
  codeSpan(text: string): string;
}

/** Markdown appended to the hover card of an entity ref. */
export interface HoverSection {
  appliesTo?(entity: EntityView): boolean;
  /**
   * Plain Markdown (no HTML, no command links other than Greenroom's own). Entity data comes
   * from other teams' files and servers: put it through `markdown.escape` or `markdown.codeSpan`.
   */
  render(entity: EntityView, markdown: HoverMarkdown): string;
}

/** An action on an entity, offered from the tree's "Actions…" menu and the entity page. */
export interface EntityAction {
  readonly id: string;
  readonly title: string;
  appliesTo?(entity: EntityView): boolean;
  run(entity: EntityView): void | Promise<void>;
}

/** A command listed under "Greenroom: Run Plugin Command…" and callable as `<pluginId>.<id>`. */
export interface PluginCommand {
  readonly id: string;
  readonly title: string;
  run(...args: unknown[]): unknown;
}

/** What a plugin's scorecard check says about one entity. */
export interface ScorecardCheckOutcome {
  readonly passed: boolean;
  /** One sentence: why it failed (or passed). */
  readonly message: string;
  /** Dot path of the field the finding is about (`spec.owner`); the diagnostic goes there, else on metadata.name. */
  readonly field?: string;
}

/**
 * A check shown on the Scorecard tab and in Problems beside the built-ins and the workspace's
 * `.greenroom/checks.yaml`. Its id is qualified with the plugin's (`<pluginId>/<id>`).
 */
export interface ScorecardCheckContribution {
  readonly id: string;
  readonly title: string;
  /** Markdown: why it matters, how to fix it. */
  readonly description?: string;
  readonly severity?: 'error' | 'warning' | 'info';
  /** Which entities it is about; the others do not count it in their score. */
  appliesTo(entity: EntityView): boolean;
  evaluate(entity: EntityView): ScorecardCheckOutcome;
}

export interface GreenroomPlugin {
  /** Reverse-DNS style, e.g. `acme.deployments`; unique. */
  readonly id: string;
  readonly displayName?: string;
  readonly entityTabs?: readonly EntityTab[];
  readonly hoverSections?: readonly HoverSection[];
  readonly entityActions?: readonly EntityAction[];
  readonly commands?: readonly PluginCommand[];
  readonly scorecardChecks?: readonly ScorecardCheckContribution[];
}

export interface Unregister {
  dispose(): void;
}
