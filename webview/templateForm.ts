// The template form's browser side: renders the fields the host describes with
// @vscode-elements components, reports every change, and shows validation, the dry-run preview
// and the result. All host text goes in as textContent, never as HTML.
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-divider/index.js';
import type { FormField, FormHostMessage, FormWebviewMessage } from '../src/shared/templateFormProtocol';
import { lineFieldText, valueAsText } from '../src/shared/valueText';
import { element } from './domElements';

interface VsCodeApi {
  postMessage(message: FormWebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let fields: readonly FormField[] = [];
/** Keyed by the template's parameter names: no prototype, so `constructor` reads nothing and `__proto__` is a plain key. */
const noPrototype = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>;
let values: Record<string, unknown> = noPrototype();
let targets: readonly string[] = [];
let changeTimer: number | undefined;

function custom(tag: string, attributes: Record<string, string> = {}): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

type Control = HTMLElement & { value?: string | string[]; checked?: boolean };

function readValue(field: FormField, control: Control): unknown {
  if (field.kind === 'boolean') return control.checked === true;
  if (field.kind === 'multi') {
    const picked = Array.isArray(control.value)
      ? control.value.map((item) => item.trim()).filter((item) => item.length > 0)
      : [];
    return picked.length > 0 ? picked : undefined;
  }
  const text = String(control.value ?? '').trim();
  if (text === '') return undefined;
  if (field.kind === 'number') return Number.isFinite(Number(text)) ? Number(text) : text;
  if (field.kind === 'list')
    return text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
  return text;
}

function changed(field: FormField, control: Control): void {
  const value = readValue(field, control);
  if (value === undefined) delete values[field.name];
  else values[field.name] = value;
  window.clearTimeout(changeTimer);
  changeTimer = window.setTimeout(() => vscode.postMessage({ type: 'change', values }), 250);
}

/** An option of a select; the description (an entity ref) shows beside the display name. */
function option(choice: FormField['choices'][number], selected: boolean): HTMLElement {
  const node = custom('vscode-option', { value: choice.value });
  node.textContent = choice.label;
  if (choice.description && choice.description !== choice.label) node.setAttribute('description', choice.description);
  if (selected) node.setAttribute('selected', '');
  return node;
}

function control(field: FormField): HTMLElement {
  const current = values[field.name];
  let node: Control;
  if (field.kind === 'boolean') {
    node = custom('vscode-checkbox', current === true ? { checked: '' } : {});
    node.textContent = field.title;
  } else if (field.kind === 'multi') {
    // MultiEntityPicker / EntityTagsPicker: type to filter, pick several; tags may be new.
    node = custom('vscode-multi-select', { combobox: '', ...(field.allowOther ? { creatable: '' } : {}) });
    const picked = Array.isArray(current) ? current.map(String) : [];
    for (const choice of field.choices) node.appendChild(option(choice, picked.includes(choice.value)));
    for (const extra of picked.filter((value) => !field.choices.some((choice) => choice.value === value)))
      node.appendChild(option({ value: extra, label: extra }, true));
  } else if (field.kind === 'choice') {
    // Pickers (OwnerPicker, EntityPicker, …) are comboboxes: typing filters the suggestions, and
    // `creatable` keeps a ref typed by hand. Plain enums are plain selects.
    node = custom('vscode-single-select', field.allowOther ? { combobox: '', creatable: '' } : {});
    const selected = valueAsText(current ?? '');
    if (field.allowOther && !field.required) node.appendChild(option({ value: '', label: '' }, selected === ''));
    for (const choice of field.choices) node.appendChild(option(choice, selected === choice.value));
    if (selected !== '' && !field.choices.some((choice) => choice.value === selected))
      node.appendChild(option({ value: selected, label: selected }, true));
  } else if (field.multiline) {
    node = custom('vscode-textarea', {
      rows: String(field.rows ?? 5),
      resize: 'vertical',
      placeholder: field.placeholder ?? '',
    });
    node.value = current === undefined ? '' : valueAsText(current);
  } else {
    node = custom('vscode-textfield', { placeholder: field.placeholder ?? '' });
    if (field.secret) node.setAttribute('type', 'password');
    node.value = lineFieldText(current);
  }
  node.dataset['field'] = field.name;
  node.addEventListener('input', () => changed(field, node));
  node.addEventListener('change', () => changed(field, node));
  return node;
}

function renderFields(title: string, description: string): void {
  app.replaceChildren();
  app.appendChild(element('h1', undefined, title));
  if (description) app.appendChild(element('p', 'description', description));
  const form = element('div', 'form');
  for (const field of fields) {
    const row = element('div', 'field');
    row.dataset['name'] = field.name;
    if (field.kind !== 'boolean')
      row.appendChild(element('label', 'label', `${field.title}${field.required ? ' *' : ''}`));
    row.appendChild(control(field));
    if (field.description) row.appendChild(element('div', 'help', field.description));
    row.appendChild(element('div', 'error'));
    form.appendChild(row);
  }
  app.appendChild(form);
  const actions = element('div', 'actions');
  const target = custom('vscode-single-select');
  target.id = 'target';
  targets.forEach((label, index) => {
    const option = custom('vscode-option', { value: String(index) });
    option.textContent = label;
    target.appendChild(option);
  });
  const chooser = custom('vscode-option', { value: '-1' });
  chooser.textContent = 'Choose another folder…';
  target.appendChild(chooser);
  const preview = custom('vscode-button', { secondary: '' });
  preview.id = 'preview';
  preview.textContent = 'Preview';
  preview.addEventListener('click', () =>
    vscode.postMessage({
      type: 'preview',
      values,
      target: Number((target as HTMLElement & { value?: string }).value ?? 0),
    }),
  );
  const create = custom('vscode-button');
  create.id = 'create';
  create.textContent = 'Create';
  create.addEventListener('click', () =>
    vscode.postMessage({
      type: 'create',
      values,
      target: Number((target as HTMLElement & { value?: string }).value ?? 0),
    }),
  );
  actions.append(element('label', 'label', 'Write into'), target, preview, create);
  app.appendChild(actions);
  app.appendChild(element('div', 'result'));
}

function showErrors(errors: readonly { field: string; message: string }[]): void {
  for (const row of Array.from(app.querySelectorAll<HTMLElement>('.field'))) {
    const error = errors.find(
      (candidate) => candidate.field === row.dataset['name'] || candidate.field.startsWith(`${row.dataset['name']}.`),
    );
    const slot = row.querySelector('.error');
    if (slot) slot.textContent = error?.message ?? '';
    row.classList.toggle('invalid', error !== undefined);
  }
}

function showPreview(message: Extract<FormHostMessage, { type: 'preview' }>): void {
  const result = app.querySelector('.result');
  if (!result) return;
  result.replaceChildren(element('h2', undefined, `Preview: ${message.files.length} files`));
  if (message.folder) result.appendChild(element('p', 'folder', `Into ${message.folder}`));
  const existing = message.files.filter((file) => file.exists).length;
  if (existing > 0)
    result.appendChild(
      element(
        'p',
        'form-warning',
        `${existing === 1 ? '1 of these files already exists' : `${existing} of these files already exist`} there (marked). Create asks before replacing anything.`,
      ),
    );
  const list = element('div', 'files');
  for (const file of message.files) {
    const item = element('details', file.exists ? 'file exists' : 'file');
    item.appendChild(
      element('summary', undefined, `${file.path} (${file.size} bytes)${file.exists ? ' — already exists' : ''}`),
    );
    item.appendChild(element('pre', undefined, file.content ?? '(binary file)'));
    list.appendChild(item);
  }
  result.appendChild(list);
  if (message.skipped.length > 0) {
    result.appendChild(element('h3', undefined, 'Steps that will be skipped'));
    const skipped = element('ul', 'skipped');
    for (const step of message.skipped)
      skipped.appendChild(element('li', undefined, `${step.step} (${step.action}): ${step.reason}`));
    result.appendChild(skipped);
  }
  result.appendChild(element('h3', undefined, 'Log'));
  result.appendChild(element('pre', 'log', message.log.join('\n')));
}

window.addEventListener('message', (event: MessageEvent<FormHostMessage>) => {
  const message = event.data;
  switch (message?.type) {
    case 'fields': {
      const focused = (document.activeElement as HTMLElement | null)?.dataset['field'];
      fields = message.fields;
      values = Object.assign(noPrototype(), message.values);
      targets = message.targets;
      renderFields(message.title, message.description);
      if (focused) app.querySelector<HTMLElement>(`[data-field="${CSS.escape(focused)}"]`)?.focus();
      return;
    }
    case 'validation':
      showErrors(message.errors);
      return;
    case 'preview':
      showPreview(message);
      return;
    case 'created': {
      const result = app.querySelector('.result');
      result?.replaceChildren(element('h2', 'created', `Created ${message.written.length} files in ${message.folder}`));
      if (message.links.length > 0) {
        const links = element('ul', 'output-links');
        for (const link of message.links) {
          const anchor = element('a', undefined, link.title);
          // The host passes http(s)/mailto only; VS Code opens webview links outside the editor.
          anchor.href = link.url;
          const item = element('li');
          item.appendChild(anchor);
          links.appendChild(item);
        }
        result?.appendChild(links);
      }
      for (const text of message.text) {
        if (text.title) result?.appendChild(element('h3', undefined, text.title));
        result?.appendChild(element('pre', 'output-text', text.content));
      }
      result?.appendChild(element('pre', undefined, message.written.join('\n')));
      // The result is below the whole form: bring it into view.
      result?.scrollIntoView({ block: 'start' });
      return;
    }
    case 'error': {
      const result = app.querySelector('.result') ?? app;
      result.replaceChildren(element('p', 'form-error', message.message));
      return;
    }
  }
});

vscode.postMessage({ type: 'ready' });
