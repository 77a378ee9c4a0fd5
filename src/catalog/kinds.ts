/** How each Backstage kind is shown: plural label, codicon and place in the tree. */
export interface KindPresentation {
  readonly kind: string;
  readonly plural: string;
  readonly codicon: string;
  readonly order: number;
}

const KNOWN: readonly KindPresentation[] = [
  { kind: 'Component', plural: 'Components', codicon: 'symbol-class', order: 0 },
  { kind: 'API', plural: 'APIs', codicon: 'plug', order: 1 },
  { kind: 'Resource', plural: 'Resources', codicon: 'database', order: 2 },
  { kind: 'System', plural: 'Systems', codicon: 'server-environment', order: 3 },
  { kind: 'Domain', plural: 'Domains', codicon: 'globe', order: 4 },
  { kind: 'Group', plural: 'Groups', codicon: 'organization', order: 5 },
  { kind: 'User', plural: 'Users', codicon: 'person', order: 6 },
  { kind: 'Template', plural: 'Templates', codicon: 'new-file', order: 7 },
  { kind: 'Location', plural: 'Locations', codicon: 'location', order: 8 },
];

const BY_KIND = new Map(KNOWN.map((presentation) => [presentation.kind.toLowerCase(), presentation]));

export function kindPresentation(kind: string): KindPresentation {
  return BY_KIND.get(kind.toLowerCase()) ?? { kind, plural: `${kind}s`, codicon: 'symbol-misc', order: 100 };
}

/** Known kinds in their fixed order, then unknown ones alphabetically. */
export function compareKinds(a: string, b: string): number {
  const left = kindPresentation(a);
  const right = kindPresentation(b);
  return left.order - right.order || left.kind.localeCompare(right.kind);
}
