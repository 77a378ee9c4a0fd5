import { Commands } from '../../shared/commands';
import { markdownCodeSpan } from '../../shared/markdownEscape';
import type { CommandLink } from './hoverContent';

/**
 * The hover over a descriptor inside a Template's content folder: it is what the Template
 * writes into new repositories, not an entity of this catalog, so its `${{ }}` names are fine.
 */
export function templateContentHoverMarkdown(templateRef: string, link: CommandLink): string {
  const template = `[${markdownCodeSpan(templateRef)}](${link(Commands.openEntity, [templateRef])})`;
  return [
    `$(file-code) **Template content** of ${template}`,
    '',
    'Backstage does not read this file as a catalog file: the Template fetches it (`fetch:template` / `fetch:plain`) and writes it into the repositories it creates. It is not checked here; `${{ }}` expressions are filled in when the Template runs.',
  ].join('\n');
}
