import { entityLinks } from '../../catalog/entityDisplay';
import type { GreenroomPlugin, TabRenderContext } from '../pluginTypes';

/** A global tool shortcut from the `greenroom.tools` setting. */
export interface ToolShortcut {
  readonly title: string;
  readonly url?: string;
  readonly command?: string;
  readonly icon?: string;
}

function toolHtml(tool: ToolShortcut, index: number, context: TabRenderContext): string {
  if (tool.url && /^(https?:|mailto:)/i.test(tool.url)) {
    return `<span class="tool">${context.externalLink(tool.url, tool.title)}</span>`;
  }
  if (tool.command) {
    return `<span class="tool"><a href="#" data-command="greenroom.runTool" data-args="${context.escape(JSON.stringify([index]))}">${context.escape(tool.title)}</a></span>`;
  }
  return '';
}

/** The Tools tab: the entity's links as shortcuts, then the team-wide tools from settings. */
export function createToolsPlugin(globalTools: () => readonly ToolShortcut[]): GreenroomPlugin {
  return {
    id: 'greenroom.tools',
    displayName: 'Tools',
    entityTabs: [
      {
        id: 'tools',
        title: 'Tools',
        order: 30,
        appliesTo: () => true,
        render: (entity, context) => {
          const links = entityLinks(entity.entity).filter((link) => /^(https?:|mailto:)/i.test(link.url));
          const entityTools = links
            .map((link) => `<span class="tool">${context.externalLink(link.url, link.title ?? link.url)}</span>`)
            .join('');
          const global = globalTools()
            .map((tool, index) => toolHtml(tool, index, context))
            .join('');
          return `<section class="card"><h2>${context.escape(entity.title)}</h2><div class="tools">${entityTools || '<span class="notice">No links in metadata.links.</span>'}</div></section>
<section class="card"><h2>Team tools</h2><div class="tools">${global || '<span class="notice">None configured (setting greenroom.tools).</span>'}</div></section>`;
        },
      },
    ],
  };
}
