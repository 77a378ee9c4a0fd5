import * as vscode from 'vscode';
import { isValidEntityName, type OnboardingAnswers, type Question } from '../../onboarding';
import { escapeCodicons } from '../../shared/codiconEscape';
import { escapeMessageLinksAndIcons } from '../../shared/messageLinkEscape';

export class OnboardingCancelled extends Error {}

const TITLES: Record<Question['field'], string> = {
  owner: 'Who owns it?',
  type: 'What kind of component is it?',
  system: 'Which system is it part of?',
};

/** Typed free text for a ref: Backstage's name rule on the last part, so the answer validates. */
function checkRef(value: string): string | undefined {
  const name = value.trim().split(/[:/]/).pop() ?? '';
  return isValidEntityName(name)
    ? undefined
    : vscode.l10n.t('Use letters, digits and single "-", "_" or "." between them (at most 63).');
}

interface AnswerItem extends vscode.QuickPickItem {
  readonly answer?: string;
}

async function ask(question: Question): Promise<string | undefined> {
  const other: AnswerItem = { label: vscode.l10n.t('$(edit) Other…'), alwaysShow: true };
  const none: AnswerItem = { label: vscode.l10n.t('$(circle-slash) No system'), alwaysShow: true };
  // Choices and reasons come from the repository and the catalog: their `$(…)` is text.
  const items: AnswerItem[] = [
    ...question.choices.map((choice) => ({ label: escapeCodicons(choice), answer: choice })),
    ...(question.field === 'system' ? [none] : []),
    other,
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Greenroom: ${vscode.l10n.t(TITLES[question.field])}`,
    placeHolder: vscode.l10n.t(
      '{0}. Pick one, or Other… to type it.',
      question.reason.charAt(0).toUpperCase() + question.reason.slice(1),
    ),
    ignoreFocusOut: true,
  });
  if (!picked) {
    throw new OnboardingCancelled();
  }
  if (picked === none) {
    return undefined;
  }
  if (picked !== other) {
    return picked.answer;
  }
  const typed = await vscode.window.showInputBox({
    title: `Greenroom: ${vscode.l10n.t(TITLES[question.field])}`,
    prompt: escapeMessageLinksAndIcons(question.reason),
    ignoreFocusOut: true,
    validateInput: checkRef,
  });
  if (typed === undefined) {
    throw new OnboardingCancelled();
  }
  return typed.trim();
}

/** Asks each open question once (quick picks); throws OnboardingCancelled when the user backs out. */
export async function askQuestions(questions: readonly Question[]): Promise<OnboardingAnswers> {
  const answers: { owner?: string; type?: string; system?: string } = {};
  for (const question of questions) {
    const answer = await ask(question);
    if (answer !== undefined) {
      answers[question.field] = answer;
    }
  }
  return answers;
}
