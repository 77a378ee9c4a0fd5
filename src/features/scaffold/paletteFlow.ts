import * as vscode from 'vscode';
import type { ParameterField } from '../../scaffolder';
import type { CatalogService } from '../../services/catalogService';
import { entityChoices, isEntityPicker, tagChoices } from './entityChoices';
import type { ScaffoldSession } from './scaffoldSession';
import { lineFieldText } from '../../shared/valueText';
import { escapeMessageLinks, escapeMessageLinksAndIcons } from '../../shared/messageLinkEscape';
import { entityChoicePicks, enumPicks, tagPicks } from './scaffoldPicks';
import { fieldPrompt } from './scaffoldPrompts';

/** Thrown when the user presses Escape: the flow stops without a message. */
export class Cancelled extends Error {}

function fieldTitle(field: ParameterField): string {
  return `${field.title}${field.required ? '' : vscode.l10n.t(' (optional)')}`;
}

function errorFor(
  session: ScaffoldSession,
  values: Record<string, unknown>,
  field: ParameterField,
): string | undefined {
  return session
    .validate(values, field.page)
    .errors.find((error) => error.field === field.name || error.field.startsWith(`${field.name}.`))?.message;
}

/*
 * Templates and the catalog wrote the choices (see scaffoldPicks), descriptions and validation
 * messages below. Input box prompts and validation messages draw `$(…)` as icons and
 * `[label](command:…)` as links, notifications draw links: that text is escaped for them.
 */

async function pick<T>(
  items: readonly (vscode.QuickPickItem & { value: T })[],
  field: ParameterField,
  step: string,
): Promise<T> {
  const chosen = await vscode.window.showQuickPick(items, {
    title: `${step} ${fieldTitle(field)}`,
    placeHolder: field.description ?? '',
    ignoreFocusOut: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!chosen) {
    throw new Cancelled();
  }
  return chosen.value;
}

async function askOne(
  session: ScaffoldSession,
  catalog: CatalogService,
  values: Record<string, unknown>,
  field: ParameterField,
  step: string,
): Promise<unknown> {
  const type = Array.isArray(field.type) ? field.type[0] : field.type;
  if (field.enum && field.enum.length > 0) {
    return pick(enumPicks(field), field, step);
  }
  if (type === 'boolean') {
    const current = values[field.name] ?? field.default;
    return pick(
      [
        { label: vscode.l10n.t('Yes'), value: true, picked: current === true },
        { label: vscode.l10n.t('No'), value: false, picked: current !== true },
      ],
      field,
      step,
    );
  }
  if (field.field === 'MultiEntityPicker' || field.field === 'EntityTagsPicker') {
    const current = Array.isArray(values[field.name]) ? (values[field.name] as unknown[]).map(String) : [];
    const offered =
      field.field === 'EntityTagsPicker'
        ? tagPicks(tagChoices(catalog.index, field))
        : entityChoicePicks(entityChoices(catalog.index, field));
    const chosen = await vscode.window.showQuickPick(
      offered.map((item) => ({ ...item, picked: current.includes(item.value) })),
      {
        title: `${step} ${fieldTitle(field)}`,
        placeHolder: field.description ?? vscode.l10n.t('Pick any number; Enter when done'),
        canPickMany: true,
        ignoreFocusOut: true,
        matchOnDescription: true,
      },
    );
    if (!chosen) {
      throw new Cancelled();
    }
    // New tags (EntityTagsPicker allows them) are typed after the known ones.
    const extra =
      field.field === 'EntityTagsPicker'
        ? await vscode.window.showInputBox({
            title: `${step} ${fieldTitle(field)}`,
            prompt: vscode.l10n.t('New tags to add, separated by commas (leave empty for none)'),
            ignoreFocusOut: true,
          })
        : '';
    if (extra === undefined) {
      throw new Cancelled();
    }
    const picked = [
      ...chosen.map((item) => item.value),
      ...extra
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag.length > 0),
    ];
    return picked.length > 0 ? [...new Set(picked)] : undefined;
  }
  if (isEntityPicker(field)) {
    const choices = entityChoices(catalog.index, field);
    const other = {
      label: vscode.l10n.t('$(edit) Enter a ref…'),
      description: '',
      value: undefined as string | undefined | null,
    };
    const skip = {
      label: vscode.l10n.t('$(circle-slash) None'),
      description: '',
      value: null as string | undefined | null,
    };
    const picked = await pick([...entityChoicePicks(choices), ...(field.required ? [] : [skip]), other], field, step);
    if (picked === null) {
      return undefined;
    }
    if (picked !== undefined) {
      return picked;
    }
  }
  const isNumber = type === 'number' || type === 'integer';
  const isList = type === 'array';
  const current = values[field.name] ?? field.default;
  const text = await vscode.window.showInputBox({
    title: `${step} ${fieldTitle(field)}`,
    prompt: fieldPrompt(field, isList),
    placeHolder: field.placeholder ?? (field.field === 'RepoUrlPicker' ? 'https://github.com/owner/repo' : ''),
    value: lineFieldText(current),
    password: field.secret,
    ignoreFocusOut: true,
    validateInput: (input) => {
      const error = errorFor(session, { ...values, [field.name]: convert(input, isNumber, isList) }, field);
      return error === undefined ? undefined : escapeMessageLinksAndIcons(error);
    },
  });
  if (text === undefined) {
    throw new Cancelled();
  }
  const answer = convert(text, isNumber, isList);
  // Backstage's RepoUrlPicker hands the template `host?owner=o&repo=r`; so does this one.
  return field.field === 'RepoUrlPicker' && typeof answer === 'string'
    ? (session.normalize({ [field.name]: answer }).values[field.name] ?? answer)
    : answer;
}

function convert(input: string, isNumber: boolean, isList: boolean): unknown {
  if (input.trim() === '') {
    return undefined;
  }
  if (isNumber) {
    const number = Number(input);
    return Number.isFinite(number) ? number : input;
  }
  return isList
    ? input
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0)
    : input;
}

/**
 * Asks one field until its answer passes the template's validation and the picker's own; a
 * typed answer is checked as it is typed, a picked one right after the pick.
 */
async function askValid(
  session: ScaffoldSession,
  catalog: CatalogService,
  values: Record<string, unknown>,
  field: ParameterField,
  step: string,
): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const answer = await askOne(session, catalog, values, field, step);
    if (answer === undefined) {
      delete values[field.name];
    } else {
      values[field.name] = answer;
    }
    const error = errorFor(session, values, field);
    if (error === undefined) {
      return;
    }
    void vscode.window.showWarningMessage(escapeMessageLinks(error));
  }
  throw new Error(errorFor(session, values, field) ?? field.title);
}

/**
 * Asks every visible parameter, page by page, with the template's own validation; pages are
 * re-read after each answer because conditional fields depend on earlier ones.
 */
export async function askParameters(
  session: ScaffoldSession,
  catalog: CatalogService,
): Promise<Record<string, unknown>> {
  // Keyed by the template's parameter names: no prototype, so `constructor` reads nothing and `__proto__` is a plain key.
  const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const pageCount = Math.max(1, session.template.pages.length);
  for (let page = 0; page < pageCount; page++) {
    const asked = new Set<string>();
    for (let guard = 0; guard < 200; guard++) {
      const next = session
        .fields(values)
        .find((field) => field.page === page && !field.readonly && field.const === undefined && !asked.has(field.name));
      if (!next) {
        break;
      }
      asked.add(next.name);
      await askValid(session, catalog, values, next, `${page + 1}/${pageCount}`);
    }
    // Checks that span fields: the field in error is asked again (its message shown), never the whole wizard.
    for (let retry = 0; retry < 20; retry++) {
      const errors = session.validate(values, page).errors;
      const error = errors[0];
      if (!error) {
        break;
      }
      const field = session
        .fields(values)
        .find(
          (candidate) =>
            candidate.page === page && (error.field === candidate.name || error.field.startsWith(`${candidate.name}.`)),
        );
      if (!field || field.readonly || field.const !== undefined) {
        throw new Error(errors.map((item) => item.message).join('; '));
      }
      void vscode.window.showWarningMessage(escapeMessageLinks(error.message));
      await askValid(session, catalog, values, field, `${page + 1}/${pageCount}`);
    }
  }
  // A plain object again for the renderer; spreading defines own properties, so keys stay keys.
  return { ...values };
}
