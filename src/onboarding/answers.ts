import type {
  Inference,
  OnboardingAnswers,
  OnboardingProposal,
  ProposedComponent,
  Question,
  QuestionField,
} from './proposalTypes';

/** Fills what was asked with the answers given; questions without an answer stay open. */
export function applyAnswers(proposal: OnboardingProposal, answers: OnboardingAnswers): OnboardingProposal {
  const questions = new Map<string, readonly Question[]>();
  const components = proposal.components.map((component): ProposedComponent => {
    const asked = proposal.questions.get(component.name.value) ?? [];
    const open: Question[] = [];
    const filled: Partial<Record<QuestionField, Inference<string>>> = {};
    for (const question of asked) {
      const answer = answers[question.field]?.trim();
      if (answer) {
        filled[question.field] = { value: answer, reason: `${question.field}: chosen by you (${question.reason})` };
      } else {
        open.push(question);
      }
    }
    if (open.length > 0) {
      questions.set(component.name.value, open);
    }
    const owner = filled.owner ?? component.owner;
    return {
      ...component,
      ...(filled.type ? { type: filled.type } : {}),
      ...(owner ? { owner } : {}),
      ...(filled.system ? { system: filled.system } : {}),
    };
  });
  return { ...proposal, components, questions };
}

/** Every open question, once per field, with the union of choices: what to ask before writing. */
export function openQuestions(proposal: OnboardingProposal): Question[] {
  const byField = new Map<QuestionField, Question>();
  for (const list of proposal.questions.values()) {
    for (const question of list) {
      const previous = byField.get(question.field);
      byField.set(
        question.field,
        previous ? { ...previous, choices: [...new Set([...previous.choices, ...question.choices])] } : question,
      );
    }
  }
  return [...byField.values()];
}
