/**
 * Messages between the Create page's webview and the extension host, and the pure card model
 * both sides share: cards grouped by category (a template's `spec.type`, as Backstage's Create
 * page does), filtered by text and category. The host validates all it receives.
 */
export interface TemplateCard {
  /** Position in the host's list: the only thing the webview sends back. */
  readonly id: number;
  readonly title: string;
  readonly description: string;
  /** `spec.type`; "other" when the template has none. */
  readonly category: string;
  readonly tags: readonly string[];
  /** The owner's title when the catalog knows it, else the ref as written; '' when unset. */
  readonly owner: string;
  /** built-in, workspace or the registry's name. */
  readonly source: string;
  /** False for registry templates, whose skeletons live on the server. */
  readonly runnable: boolean;
}

export interface CreatePageFilter {
  readonly text: string;
  /** '' for every category. */
  readonly category: string;
}

export type CreateWebviewMessage = { readonly type: 'ready' } | { readonly type: 'choose'; readonly id: number };

export type CreateHostMessage = {
  readonly type: 'templates';
  readonly cards: readonly TemplateCard[];
  readonly indexing: boolean;
};

export const OTHER_CATEGORY = 'other';

/** Cards whose title, description, tags, owner or category contain every word of `text`. */
export function filterTemplateCards(cards: readonly TemplateCard[], filter: CreatePageFilter): TemplateCard[] {
  const words = filter.text
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0);
  const category = filter.category.toLowerCase();
  return cards.filter((card) => {
    if (category !== '' && card.category.toLowerCase() !== category) {
      return false;
    }
    const haystack = [card.title, card.description, card.owner, card.category, card.source, ...card.tags]
      .join('\n')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** Categories in alphabetical order ("other" last), each with its cards by title. */
export function groupTemplateCards(cards: readonly TemplateCard[]): { category: string; cards: TemplateCard[] }[] {
  const groups = new Map<string, TemplateCard[]>();
  for (const card of cards) {
    const key = card.category.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), card]);
  }
  const byTitle = (a: TemplateCard, b: TemplateCard): number =>
    a.title.localeCompare(b.title, undefined, { numeric: true, sensitivity: 'base' });
  return [...groups.entries()]
    .sort(([a], [b]) => (a === OTHER_CATEGORY ? 1 : b === OTHER_CATEGORY ? -1 : a.localeCompare(b)))
    .map(([, group]) => ({ category: group[0]?.category ?? OTHER_CATEGORY, cards: [...group].sort(byTitle) }));
}

/** Every category the cards use, as `groupTemplateCards` orders them. */
export function templateCategories(cards: readonly TemplateCard[]): string[] {
  return groupTemplateCards(cards).map((group) => group.category);
}

/** Returns the message when it has exactly a known shape, else undefined. */
export function parseCreateMessage(raw: unknown): CreateWebviewMessage | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return undefined;
  }
  const message = raw as Record<string, unknown>;
  if (message['type'] === 'ready') {
    return { type: 'ready' };
  }
  const id = message['id'];
  if (message['type'] === 'choose' && typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) {
    return { type: 'choose', id };
  }
  return undefined;
}
