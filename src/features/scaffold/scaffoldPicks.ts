import * as vscode from 'vscode';
import type { ParameterField } from '../../scaffolder';
import { escapeCodicons } from '../../shared/codiconEscape';
import type { EntityChoice } from './entityChoices';
import type { TemplateChoice } from './templateSources';

/*
 * Pick rows built from templates and the catalog: someone else's text, which VS Code would draw
 * with `$(…)` icons, so it is escaped here where it enters the row; only Greenroom's own icon
 * prefixes stay icons. What a row stands for is kept apart from its label, as written.
 */

export interface ValuePick<T> extends vscode.QuickPickItem {
  readonly value: T;
}

export interface TemplatePick extends vscode.QuickPickItem {
  readonly template: TemplateChoice;
}

/** A template in Create from Template's first pick: title, where it comes from, description. */
export function templatePick(template: TemplateChoice): TemplatePick {
  return {
    label: `$(new-file) ${escapeCodicons(template.title)}`,
    description:
      template.source === 'registry'
        ? vscode.l10n.t('registry {0}', escapeCodicons(template.registry ?? ''))
        : template.source,
    detail: escapeCodicons(template.description ?? ''),
    template,
  };
}

/** The values of an `enum` parameter, with their `enumNames` when the template gives them. */
export function enumPicks(field: ParameterField): ValuePick<unknown>[] {
  return (field.enum ?? []).map((value, position) => ({
    label: escapeCodicons(field.enumNames?.[position] ?? String(value)),
    description: field.enumNames ? escapeCodicons(String(value)) : '',
    value,
  }));
}

/** Catalog tags offered by an EntityTagsPicker. */
export function tagPicks(tags: readonly string[]): ValuePick<string>[] {
  return tags.map((tag) => ({ label: escapeCodicons(tag), description: '', value: tag }));
}

/** Entities offered by an entity picker: the display name, and the ref the field receives. */
export function entityChoicePicks(choices: readonly EntityChoice[]): ValuePick<string>[] {
  return choices.map((choice) => ({
    label: escapeCodicons(choice.label),
    description: escapeCodicons(choice.value),
    value: choice.value,
  }));
}
