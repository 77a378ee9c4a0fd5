import type MarkdownIt from 'markdown-it';

const TASK_MARKER = /^\[([ xX])\](?=\s|$)\s?/;

/** `- [x] done` / `- [ ] todo` list items become disabled checkboxes (GitHub / pymdownx.tasklist). */
export function taskListsPlugin(md: MarkdownIt.MarkdownIt): void {
  md.core.ruler.push('docs_task_lists', (state) => {
    const tokens = state.tokens;
    for (let index = 2; index < tokens.length; index++) {
      const inline = tokens[index];
      const first = inline?.children?.[0];
      if (
        inline?.type !== 'inline' ||
        tokens[index - 1]?.type !== 'paragraph_open' ||
        tokens[index - 2]?.type !== 'list_item_open' ||
        first?.type !== 'text'
      ) {
        continue;
      }
      const marker = TASK_MARKER.exec(first.content);
      if (!marker) {
        continue;
      }
      first.content = first.content.slice(marker[0].length);
      const checkbox = new state.Token('task_checkbox', 'input', 0);
      checkbox.meta = { checked: marker[1] !== ' ' };
      inline.children?.unshift(checkbox);
      const item = tokens[index - 2];
      item?.attrJoin('class', 'task-list-item');
      markParentList(tokens, index - 2);
    }
  });
  md.renderer.rules['task_checkbox'] = (tokens, index) => {
    const checked = tokens[index]?.meta?.['checked'] === true;
    return `<input class="task-list-item-checkbox" type="checkbox" disabled${checked ? ' checked' : ''}> `;
  };
}

function markParentList(tokens: MarkdownIt.Token[], itemIndex: number): void {
  const item = tokens[itemIndex];
  for (let index = itemIndex - 1; index >= 0 && item; index--) {
    const candidate = tokens[index];
    if (
      candidate &&
      (candidate.type === 'bullet_list_open' || candidate.type === 'ordered_list_open') &&
      candidate.level === item.level - 1
    ) {
      if (
        !String(candidate.attrGet('class') ?? '')
          .split(' ')
          .includes('contains-task-list')
      ) {
        candidate.attrJoin('class', 'contains-task-list');
      }
      return;
    }
  }
}
