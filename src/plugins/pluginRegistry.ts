import { Emitter } from '../catalog/events';
import { escapeMarkdown, markdownCodeSpan } from '../shared/markdownEscape';
import type {
  EntityAction,
  EntityTab,
  EntityView,
  GreenroomPlugin,
  HoverMarkdown,
  HoverSection,
  PluginCommand,
  ScorecardCheckContribution,
  Unregister,
} from './pluginTypes';

const HOVER_MARKDOWN: HoverMarkdown = Object.freeze({ escape: escapeMarkdown, codeSpan: markdownCodeSpan });

const PLUGIN_ID = /^[a-z0-9]+([._-][a-z0-9]+)*$/i;

export interface RegisteredTab {
  readonly pluginId: string;
  /** `<pluginId>/<tabId>`: unique across plugins; what panels remember. */
  readonly key: string;
  readonly tab: EntityTab;
}

/**
 * Holds the registered plugins and answers "which tabs, hover sections and actions apply to
 * this entity". A failing plugin never breaks the others: errors are reported and skipped.
 */
export class PluginRegistry {
  private readonly plugins = new Map<string, GreenroomPlugin>();
  private readonly changeEmitter = new Emitter<void>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly reportError: (pluginId: string, message: string, error: unknown) => void = () => undefined,
  ) {}

  register(plugin: GreenroomPlugin): Unregister {
    if (!plugin || typeof plugin.id !== 'string' || !PLUGIN_ID.test(plugin.id)) {
      throw new Error(`Greenroom plugin id must look like "publisher.name"; got ${JSON.stringify(plugin?.id)}`);
    }
    if (this.plugins.has(plugin.id)) {
      throw new Error(`Greenroom plugin "${plugin.id}" is already registered`);
    }
    const tabIds = new Set<string>();
    for (const tab of plugin.entityTabs ?? []) {
      if (
        typeof tab.id !== 'string' ||
        tabIds.has(tab.id) ||
        typeof tab.render !== 'function' ||
        typeof tab.appliesTo !== 'function'
      ) {
        throw new Error(`Greenroom plugin "${plugin.id}": every tab needs a unique id, appliesTo() and render()`);
      }
      tabIds.add(tab.id);
    }
    this.plugins.set(plugin.id, plugin);
    this.changeEmitter.fire();
    return {
      dispose: () => {
        if (this.plugins.get(plugin.id) === plugin) {
          this.plugins.delete(plugin.id);
          this.changeEmitter.fire();
        }
      },
    };
  }

  pluginIds(): string[] {
    return [...this.plugins.keys()];
  }

  tabsFor(entity: EntityView): RegisteredTab[] {
    const tabs: RegisteredTab[] = [];
    for (const plugin of this.plugins.values()) {
      for (const tab of plugin.entityTabs ?? []) {
        if (this.safely(plugin.id, `tab ${tab.id} appliesTo`, () => tab.appliesTo(entity), false)) {
          tabs.push({ pluginId: plugin.id, key: `${plugin.id}/${tab.id}`, tab });
        }
      }
    }
    return tabs.sort((a, b) => (a.tab.order ?? 100) - (b.tab.order ?? 100) || a.tab.title.localeCompare(b.tab.title));
  }

  hoverSectionsFor(entity: EntityView): string[] {
    const sections: string[] = [];
    for (const plugin of this.plugins.values()) {
      for (const section of plugin.hoverSections ?? ([] as readonly HoverSection[])) {
        const applies = section.appliesTo
          ? this.safely(plugin.id, 'hover appliesTo', () => section.appliesTo?.(entity) ?? true, false)
          : true;
        const text = applies
          ? this.safely(plugin.id, 'hover render', () => section.render(entity, HOVER_MARKDOWN), '')
          : '';
        if (typeof text === 'string' && text.trim().length > 0) {
          sections.push(text);
        }
      }
    }
    return sections;
  }

  actionsFor(entity: EntityView): { pluginId: string; action: EntityAction }[] {
    const actions: { pluginId: string; action: EntityAction }[] = [];
    for (const plugin of this.plugins.values()) {
      for (const action of plugin.entityActions ?? []) {
        if (
          !action.appliesTo ||
          this.safely(plugin.id, `action ${action.id} appliesTo`, () => action.appliesTo?.(entity) ?? true, false)
        ) {
          actions.push({ pluginId: plugin.id, action });
        }
      }
    }
    return actions;
  }

  commands(): { pluginId: string; command: PluginCommand }[] {
    return [...this.plugins.values()].flatMap((plugin) =>
      (plugin.commands ?? []).map((command) => ({ pluginId: plugin.id, command })),
    );
  }

  scorecardChecks(): { pluginId: string; check: ScorecardCheckContribution }[] {
    return [...this.plugins.values()].flatMap((plugin) =>
      (plugin.scorecardChecks ?? []).map((check) => ({ pluginId: plugin.id, check })),
    );
  }

  dispose(): void {
    this.plugins.clear();
    this.changeEmitter.dispose();
  }

  private safely<T>(pluginId: string, what: string, work: () => T, fallback: T): T {
    try {
      return work();
    } catch (error) {
      this.reportError(pluginId, what, error);
      return fallback;
    }
  }
}
