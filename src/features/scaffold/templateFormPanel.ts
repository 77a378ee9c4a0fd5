import * as vscode from 'vscode';
import { TemplateRunCancelled, type ParameterField } from '../../scaffolder';
import type { CatalogService } from '../../services/catalogService';
import { DisposableStore } from '../../shared/disposableStore';
import { parseFormMessage, type FormField, type FormHostMessage } from '../../shared/templateFormProtocol';
import { panelShellHtml } from '../panels/webviewHtml';
import { entityChoices, isEntityPicker, isMultiPicker, tagChoices } from './entityChoices';
import type { ScaffoldSession } from './scaffoldSession';

export interface FormPanelCallbacks {
  /** Folders offered as targets (the workspace folders). */
  targets(): { label: string; path: string }[];
  chooseFolder(): Promise<string | undefined>;
  /** Writes the project and opens its catalog file; returns what was written. */
  create(
    values: Record<string, unknown>,
    targetDir: string,
  ): Promise<
    | {
        folder: string;
        written: string[];
        links: { title: string; url: string }[];
        text: { title: string; content: string }[];
      }
    | undefined
  >;
}

function formField(field: ParameterField, catalog: CatalogService): FormField {
  const type = Array.isArray(field.type) ? field.type[0] : field.type;
  const picker = isEntityPicker(field);
  const itemEnum = Array.isArray(field.items?.['enum']) ? field.items['enum'].map(String) : undefined;
  const choices: FormField['choices'] = field.enum
    ? field.enum.map((value, position) => ({
        value: String(value),
        label: field.enumNames?.[position] ?? String(value),
      }))
    : picker
      ? entityChoices(catalog.index, field).map((choice) => ({
          value: choice.value,
          label: choice.label,
          description: choice.value,
        }))
      : field.field === 'EntityTagsPicker'
        ? tagChoices(catalog.index, field).map((tag) => ({ value: tag, label: tag }))
        : itemEnum
          ? itemEnum.map((value) => ({ value, label: value }))
          : [];
  const multi = isMultiPicker(field) || (type === 'array' && itemEnum !== undefined);
  const kind: FormField['kind'] = multi
    ? 'multi'
    : field.enum
      ? 'choice'
      : type === 'boolean'
        ? 'boolean'
        : type === 'number' || type === 'integer'
          ? 'number'
          : type === 'array'
            ? 'list'
            : picker
              ? 'choice'
              : 'text';
  const rows = field.options['rows'];
  return {
    name: field.name,
    title: field.title,
    description: field.description ?? field.help,
    kind,
    choices,
    // Pickers suggest; a ref typed by hand (or a new tag) is still an answer.
    allowOther: picker || field.field === 'EntityTagsPicker',
    multiline: field.widget === 'textarea',
    rows: typeof rows === 'number' && rows > 0 && rows <= 40 ? Math.floor(rows) : undefined,
    required: field.required,
    secret: field.secret,
    placeholder: field.placeholder ?? (field.field === 'RepoUrlPicker' ? 'https://github.com/owner/repo' : undefined),
    page: field.page,
  };
}

/** The form alternative to the palette flow: all fields at once, live validation, a preview, and Create. */
export function openTemplateFormPanel(
  extensionUri: vscode.Uri,
  session: ScaffoldSession,
  catalog: CatalogService,
  callbacks: FormPanelCallbacks,
  log: vscode.LogOutputChannel,
): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(
    'greenroom.templateForm',
    vscode.l10n.t('Create: {0}', session.template.title),
    vscode.ViewColumn.Active,
    {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    },
  );
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'greenroom.svg');
  const store = new DisposableStore();
  let values: Record<string, unknown> = {};
  // A newer preview, or closing the panel, cancels the one still running (its worker stops).
  let previewRun: AbortController | undefined;
  let lastCreated: Extract<FormHostMessage, { type: 'created' }> | undefined;
  store.add({ dispose: () => previewRun?.abort() });
  const post = (message: FormHostMessage): void => void panel.webview.postMessage(message);
  const sendFields = (): void => {
    const fields = session
      .fields(values)
      .filter((field) => !field.readonly && field.const === undefined)
      .map((field) => formField(field, catalog));
    // The form shows the template's defaults, so what is displayed is what a run would use.
    values = session.validate(values).values;
    post({
      type: 'fields',
      title: session.template.title,
      description: session.template.description ?? '',
      fields,
      values,
      targets: callbacks.targets().map((target) => target.label),
    });
  };
  const validate = (): boolean => {
    const { errors } = session.validate(values);
    post({ type: 'validation', errors: errors.map((error) => ({ field: error.field, message: error.message })) });
    return errors.length === 0;
  };
  store.add(
    panel.webview.onDidReceiveMessage(async (raw: unknown) => {
      const message = parseFormMessage(raw);
      if (!message) {
        log.warn(`Template form: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
        return;
      }
      try {
        switch (message.type) {
          case 'ready':
            sendFields();
            // A hidden webview is rebuilt when shown again (creating opens the catalog file over it): say again what was created.
            if (lastCreated) {
              post(lastCreated);
            }
            return;
          case 'change': {
            const before = session
              .fields(values)
              .map((field) => field.name)
              .join();
            values = message.values;
            // Conditional fields appear or go with the answers: re-describe when the set changes.
            if (
              session
                .fields(values)
                .map((field) => field.name)
                .join() !== before
            ) {
              sendFields();
            }
            validate();
            return;
          }
          case 'preview': {
            values = message.values;
            if (!validate()) {
              return;
            }
            previewRun?.abort();
            const run = new AbortController();
            previewRun = run;
            const result = await session.preview(values, run.signal);
            if (previewRun === run) {
              previewRun = undefined;
            }
            // Marked against the folder the form would write into now ("choose another" is not known yet).
            const chosen = message.target >= 0 ? callbacks.targets()[message.target]?.path : undefined;
            const existing = chosen ? await session.existingFiles(result, values, chosen) : new Set<string>();
            post({
              type: 'preview',
              folder: chosen ? session.destination(result, values, chosen) : '',
              files: result.files.map((file) => ({
                path: file.path,
                size: file.size,
                content: file.content,
                exists: existing.has(file.path),
              })),
              skipped: result.skipped,
              log: result.log,
            });
            return;
          }
          case 'create': {
            values = message.values;
            if (!validate()) {
              return;
            }
            const target =
              message.target >= 0 ? callbacks.targets()[message.target]?.path : await callbacks.chooseFolder();
            if (!target) {
              return;
            }
            const created = await callbacks.create(values, target);
            if (created) {
              lastCreated = {
                type: 'created',
                folder: created.folder,
                written: created.written,
                links: created.links,
                text: created.text,
              };
              post(lastCreated);
            }
            return;
          }
        }
      } catch (error) {
        if (error instanceof TemplateRunCancelled) {
          return;
        }
        post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
        log.error('Template form', error);
      }
    }),
  );
  panel.onDidDispose(() => store.dispose());
  panel.webview.html = panelShellHtml(
    panel.webview,
    extensionUri,
    { template: session.template.name },
    session.template.title,
    'templateForm.js',
  );
  return panel;
}
