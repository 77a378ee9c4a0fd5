import { Document, isScalar, type Node } from 'yaml';
import type { Inference, OnboardingProposal, ProposedApi, ProposedComponent, Question } from './proposalTypes';

/** Written where a required value is still unanswered; the comment beside it says what to choose. */
export const UNANSWERED = 'unknown';

type FieldPath = readonly (string | number)[];

/** A comment is one line: no reason can end the comment and start YAML. */
function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  return ` ${text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim()}`;
}

/** Header lines stay readable in a half-width diff pane: about 72 columns with the `# `. */
const HEADER_WIDTH = 70;

/** Splits a header line at spaces into lines of at most `width` characters (a longer word stays whole); continuations of a `- ` note are indented under its text. */
function wrapCommentLine(line: string, width: number): string[] {
  const indent = line.startsWith('- ') ? '  ' : '';
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = indent + word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  lines.push(current);
  return lines;
}

class EntityDraft {
  readonly entity: Record<string, unknown>;
  readonly comments: [FieldPath, string][] = [];

  constructor(kind: string, name: Inference<string>) {
    this.entity = { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name: name.value }, spec: {} };
    this.comments.push([['metadata', 'name'], name.reason]);
  }

  private section(key: 'metadata' | 'spec'): Record<string, unknown> {
    return this.entity[key] as Record<string, unknown>;
  }

  set(key: 'metadata' | 'spec', field: string, inference: Inference<string> | undefined): void {
    if (inference) {
      this.section(key)[field] = inference.value;
      this.comments.push([[key, field], inference.reason]);
    }
  }

  ask(field: string, question: Question): void {
    this.section('spec')[field] = UNANSWERED;
    const choices =
      question.choices.length > 0
        ? `; choose one of: ${question.choices.slice(0, 12).join(', ')}${question.choices.length > 12 ? ', …' : ''}`
        : '';
    this.comments.push([['spec', field], `ASK ${field}: ${question.reason}${choices}`]);
  }

  list(field: string, items: readonly Inference<string>[]): void {
    if (items.length > 0) {
      this.section('spec')[field] = items.map((item) => item.value);
      items.forEach((item, index) => this.comments.push([['spec', field, index], item.reason]));
    }
  }

  render(header?: string): string {
    const document = new Document(this.entity);
    for (const [path, reason] of this.comments) {
      const node = document.getIn(path, true) as Node | undefined;
      if (node && isScalar(node)) {
        node.comment = commentText(reason);
      }
    }
    if (header) {
      document.commentBefore = header
        .split('\n')
        .flatMap((line) => wrapCommentLine(line, HEADER_WIDTH))
        .map((line) => commentText(line))
        .join('\n');
    }
    return document.toString({ lineWidth: 0 });
  }
}

function componentDocument(component: ProposedComponent, questions: readonly Question[]): EntityDraft {
  const draft = new EntityDraft('Component', component.name);
  draft.set('metadata', 'title', component.title);
  draft.set('metadata', 'description', component.description);
  if (component.annotations.size > 0) {
    const annotations = Object.create(null) as Record<string, string>;
    for (const [key, inference] of component.annotations) {
      annotations[key] = inference.value;
    }
    (draft.entity['metadata'] as Record<string, unknown>)['annotations'] = { ...annotations };
    for (const [key, inference] of component.annotations) {
      draft.comments.push([['metadata', 'annotations', key], inference.reason]);
    }
  }
  const question = (field: string): Question | undefined => questions.find((candidate) => candidate.field === field);
  const typeQuestion = question('type');
  if (component.type) {
    draft.set('spec', 'type', component.type);
  } else if (typeQuestion) {
    draft.ask('type', typeQuestion);
  }
  draft.set('spec', 'lifecycle', component.lifecycle);
  const ownerQuestion = question('owner');
  if (component.owner) {
    draft.set('spec', 'owner', component.owner);
  } else if (ownerQuestion) {
    draft.ask('owner', ownerQuestion);
  }
  draft.set('spec', 'system', component.system);
  draft.list('providesApis', component.providesApis);
  draft.list('dependsOn', component.dependsOn);
  return draft;
}

function apiDocument(api: ProposedApi, component: ProposedComponent): EntityDraft {
  const draft = new EntityDraft('API', api.name);
  draft.set('metadata', 'title', api.title);
  draft.set('metadata', 'description', api.description);
  draft.set('spec', 'type', api.type);
  draft.set('spec', 'lifecycle', component.lifecycle);
  const owner = component.owner
    ? { value: component.owner.value, reason: `owner: the owner of ${component.name.value}` }
    : { value: UNANSWERED, reason: `ASK owner: the owner of ${component.name.value}, still to choose` };
  draft.set('spec', 'owner', owner);
  draft.set('spec', 'system', component.system);
  (draft.entity['spec'] as Record<string, unknown>)['definition'] = { $text: api.definition.value };
  draft.comments.push([['spec', 'definition', '$text'], api.definition.reason]);
  return draft;
}

const HEADER =
  'Proposed by Greenroom from what this folder already says.\nEach comment names where its value came from; lines marked ASK still need a choice.';

/** The proposal as a catalog-info.yaml: one document per entity, every inference explained in a comment. */
export function renderProposalYaml(proposal: OnboardingProposal): string {
  const drafts: EntityDraft[] = [];
  for (const component of proposal.components) {
    drafts.push(componentDocument(component, proposal.questions.get(component.name.value) ?? []));
    for (const api of component.apis) {
      drafts.push(apiDocument(api, component));
    }
  }
  const notes = proposal.notes.length > 0 ? `\nNotes:\n${proposal.notes.map((note) => `- ${note}`).join('\n')}` : '';
  return drafts.map((draft, index) => draft.render(index === 0 ? HEADER + notes : undefined)).join('---\n');
}

/** The entity objects the YAML holds, for callers that want the data (tests, the preview). */
export function proposalEntities(proposal: OnboardingProposal): Record<string, unknown>[] {
  return proposal.components.flatMap((component) => [
    componentDocument(component, proposal.questions.get(component.name.value) ?? []).entity,
    ...component.apis.map((api) => apiDocument(api, component).entity),
  ]);
}
