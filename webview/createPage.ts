// The Create page's browser side: template cards grouped by category, filtered by text and
// category. Every text is set with textContent, so a template's words can never become markup.
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import {
  filterTemplateCards,
  groupTemplateCards,
  templateCategories,
  type CreateHostMessage,
  type CreatePageFilter,
  type CreateWebviewMessage,
  type TemplateCard,
} from '../src/shared/createPageProtocol';
import { element, linkOwnStylesheet } from './domElements';

interface VsCodeApi {
  postMessage(message: CreateWebviewMessage): void;
  setState(state: CreatePageFilter): void;
  getState(): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
linkOwnStylesheet('createPage.js', 'createPage.css');

function savedFilter(): CreatePageFilter {
  const state = vscode.getState() as Partial<CreatePageFilter> | null | undefined;
  return {
    text: typeof state?.text === 'string' ? state.text.slice(0, 512) : '',
    category: typeof state?.category === 'string' ? state.category.slice(0, 128) : '',
  };
}

let filter = savedFilter();
let cards: readonly TemplateCard[] = [];
let indexing = true;
let categoriesShown = '';

const heading = element('header', 'create-header');
heading.append(
  element('h1', undefined, 'Create a new component'),
  element(
    'p',
    'create-intro',
    'Pick a software template. Its form asks for the details and previews every file before anything is written.',
  ),
);
const toolbar = element('div', 'create-toolbar');
const search = document.createElement('vscode-textfield') as HTMLElement & { value: string };
search.setAttribute('placeholder', 'Search templates by name, description, tag or owner…');
search.setAttribute('aria-label', 'Search templates');
search.className = 'create-search';
search.value = filter.text;
const categorySelect = document.createElement('vscode-single-select') as HTMLElement & { value: string };
categorySelect.setAttribute('aria-label', 'Category');
categorySelect.className = 'create-category';
const summary = element('span', 'create-summary');
summary.setAttribute('role', 'status');
toolbar.append(search, categorySelect, summary);
const notice = element('p', 'notice create-notice');
const groups = element('div', 'create-groups');
app.replaceChildren(heading, toolbar, notice, groups);

function renderCategories(): void {
  const categories = templateCategories(cards);
  const key = categories.join('\n');
  if (key === categoriesShown) {
    return;
  }
  categoriesShown = key;
  const options = [['', 'All categories'], ...categories.map((category) => [category, category])].map(
    ([value = '', label = '']) => {
      const option = document.createElement('vscode-option') as HTMLElement;
      option.setAttribute('value', value);
      option.textContent = label;
      if (value.toLowerCase() === filter.category.toLowerCase()) {
        option.setAttribute('selected', '');
      }
      return option;
    },
  );
  categorySelect.replaceChildren(...options);
}

function cardElement(card: TemplateCard): HTMLElement {
  const article = element('article', 'template-card');
  article.dataset['id'] = String(card.id);
  const top = element('div', 'template-card-top');
  top.append(element('span', 'template-category', card.category), element('span', 'template-source', card.source));
  const title = element('h3', 'template-title', card.title);
  const description = element('p', 'template-description', card.description || 'No description.');
  const meta = element('dl', 'template-meta');
  if (card.owner) {
    meta.append(element('dt', undefined, 'Owner'), element('dd', undefined, card.owner));
  }
  const tags = element('div', 'template-tags');
  for (const tag of card.tags) {
    const badge = document.createElement('vscode-badge');
    badge.textContent = tag;
    tags.append(badge);
  }
  const footer = element('div', 'template-card-footer');
  const choose = document.createElement('vscode-button') as HTMLElement;
  choose.textContent = card.runnable ? 'Choose' : 'Run in Backstage';
  choose.dataset['choose'] = String(card.id);
  choose.setAttribute('aria-label', `Choose ${card.title}`);
  footer.append(choose);
  article.append(top, title, description, meta, tags, footer);
  return article;
}

function render(): void {
  renderCategories();
  const shown = filterTemplateCards(cards, filter);
  const sections = groupTemplateCards(shown).map((group) => {
    const section = element('section', 'template-group');
    section.append(element('h2', 'template-group-title', group.category));
    const grid = element('div', 'template-grid');
    grid.append(...group.cards.map(cardElement));
    section.append(grid);
    return section;
  });
  groups.replaceChildren(...sections);
  summary.textContent =
    shown.length === cards.length ? `${cards.length} templates` : `${shown.length} of ${cards.length} templates`;
  const notes: string[] = [];
  if (indexing) {
    notes.push('Indexing the workspace; templates appear as files are read.');
  }
  if (!indexing && cards.length === 0) {
    notes.push('No templates yet. Add a template.yaml (kind: Template) to the workspace or connect a registry.');
  } else if (cards.length > 0 && shown.length === 0) {
    notes.push('No template matches this search.');
  }
  notice.textContent = notes.join(' ');
  notice.hidden = notes.length === 0;
}

function update(changes: Partial<CreatePageFilter>): void {
  filter = { ...filter, ...changes };
  vscode.setState(filter);
  render();
}

search.addEventListener('input', () => update({ text: search.value }));
categorySelect.addEventListener('change', () => update({ category: categorySelect.value }));
groups.addEventListener('click', (event) => {
  const id = Number((event.target as HTMLElement | null)?.closest<HTMLElement>('[data-choose]')?.dataset['choose']);
  if (Number.isSafeInteger(id)) {
    vscode.postMessage({ type: 'choose', id });
  }
});

window.addEventListener('message', (event: MessageEvent<CreateHostMessage>) => {
  const message = event.data;
  if (message && message.type === 'templates' && Array.isArray(message.cards)) {
    cards = message.cards;
    indexing = message.indexing === true;
    render();
  }
});

vscode.setState(filter);
vscode.postMessage({ type: 'ready' });
