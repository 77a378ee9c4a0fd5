import {
  RELATION_CHILD_OF,
  RELATION_HAS_MEMBER,
  RELATION_OWNER_OF,
  RELATION_PARENT_OF,
} from '@backstage/catalog-model';
import { compareNatural } from '../../catalog/naturalSort';
import type { EntityView, GreenroomPlugin, TabRenderContext } from '../pluginTypes';

interface Profile {
  readonly displayName: string | undefined;
  readonly email: string | undefined;
}

function profileOf(entity: EntityView | undefined): Profile {
  const profile = (entity?.entity.spec as { profile?: Record<string, unknown> } | undefined)?.profile;
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
  return { displayName: text(profile?.['displayName']), email: text(profile?.['email']) };
}

/** Distinct targets of one outgoing relation type, in a stable order. */
function targets(entity: EntityView, type: string): string[] {
  return [
    ...new Set(
      entity.relations.outgoing.filter((relation) => relation.type === type).map((relation) => relation.target),
    ),
  ];
}

function nameOf(ref: string, view: EntityView | undefined): string {
  return profileOf(view).displayName ?? view?.title ?? ref.slice(ref.indexOf('/') + 1);
}

function entityCell(ref: string, view: EntityView | undefined, context: TabRenderContext): string {
  return view
    ? context.entityLink(ref, nameOf(ref, view))
    : `<span class="missing" title="not in the catalog">${context.escape(ref)}</span>`;
}

function emailCell(profile: Profile, context: TabRenderContext): string {
  return profile.email
    ? context.externalLink(`mailto:${profile.email}`, profile.email)
    : '<span class="notice">—</span>';
}

function membersSection(group: EntityView, context: TabRenderContext): string {
  const members = targets(group, RELATION_HAS_MEMBER)
    .map((ref) => ({ ref, view: context.getEntity(ref) }))
    .sort((a, b) => compareNatural(nameOf(a.ref, a.view), nameOf(b.ref, b.view)));
  if (members.length === 0) {
    return '<section class="card wide"><h2>Members</h2><p class="notice">No members listed (spec.members, or memberOf on users).</p></section>';
  }
  const rows = members.map(
    ({ ref, view }) =>
      `<tr><td>${entityCell(ref, view, context)}</td><td class="email">${emailCell(profileOf(view), context)}</td><td class="ref">${context.escape(ref)}</td></tr>`,
  );
  return `<section class="card wide"><h2>Members (${members.length})</h2><table class="members"><thead><tr><th>Name</th><th>Email</th><th>Ref</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function groupsSection(group: EntityView, context: TabRenderContext): string {
  const line = (ref: string): string => {
    const view = context.getEntity(ref);
    const count = view ? targets(view, RELATION_HAS_MEMBER).length : 0;
    return `<li>${entityCell(ref, view, context)}${view ? ` <span class="relation-type">${count === 1 ? '1 member' : `${count} members`}</span>` : ''}</li>`;
  };
  const parents = targets(group, RELATION_CHILD_OF);
  const children = targets(group, RELATION_PARENT_OF).sort((a, b) =>
    compareNatural(nameOf(a, context.getEntity(a)), nameOf(b, context.getEntity(b))),
  );
  const parent = parents.length > 0 ? `<h3>Parent</h3><ul>${parents.map(line).join('')}</ul>` : '';
  const childList =
    children.length > 0
      ? `<h3>Child groups (${children.length})</h3><ul>${children.map(line).join('')}</ul>`
      : '<h3>Child groups</h3><p class="notice">None.</p>';
  return `<section class="card"><h2>Team</h2>${parent}${childList}</section>`;
}

function ownershipSection(group: EntityView, context: TabRenderContext): string {
  const byKind = new Map<string, { ref: string; view: EntityView | undefined }[]>();
  for (const ref of targets(group, RELATION_OWNER_OF)) {
    const view = context.getEntity(ref);
    const kind = view?.kind ?? ref.slice(0, ref.indexOf(':'));
    byKind.set(kind, [...(byKind.get(kind) ?? []), { ref, view }]);
  }
  if (byKind.size === 0) {
    return '<section class="card wide"><h2>Owns</h2><p class="notice">Nothing in the catalog names this group as its owner.</p></section>';
  }
  const sections = [...byKind.entries()]
    .sort(([a], [b]) => compareNatural(a, b))
    .map(([kind, owned]) => {
      const items = owned
        .sort((a, b) => compareNatural(nameOf(a.ref, a.view), nameOf(b.ref, b.view)))
        .map(({ ref, view }) => {
          const spec = (view?.entity.spec ?? {}) as Record<string, unknown>;
          const detail = [spec['type'], spec['lifecycle']]
            .filter((part): part is string => typeof part === 'string')
            .join(' · ');
          return `<li>${entityCell(ref, view, context)}${detail ? ` <span class="relation-type">${context.escape(detail)}</span>` : ''}</li>`;
        });
      return `<h3>${context.escape(kind)} (${owned.length})</h3><ul>${items.join('')}</ul>`;
    });
  const total = [...byKind.values()].reduce((sum, owned) => sum + owned.length, 0);
  return `<section class="card wide"><h2>Owns (${total})</h2>${sections.join('')}</section>`;
}

function contactSection(group: EntityView, context: TabRenderContext): string {
  const profile = profileOf(group);
  const rows = [
    ...(profile.displayName ? [`<dt>Name</dt><dd>${context.escape(profile.displayName)}</dd>`] : []),
    ...(profile.email ? [`<dt>Email</dt><dd>${emailCell(profile, context)}</dd>`] : []),
    ...(typeof (group.entity.spec as Record<string, unknown> | undefined)?.['type'] === 'string'
      ? [`<dt>Type</dt><dd>${context.escape(String((group.entity.spec as Record<string, unknown>)['type']))}</dd>`]
      : []),
  ];
  return rows.length > 0 ? `<section class="card"><h2>Contact</h2><dl>${rows.join('')}</dl></section>` : '';
}

/** The group page Backstage users know: who is in the team, its sub-teams, and what it owns by kind. */
export const groupPlugin: GreenroomPlugin = {
  id: 'greenroom.group',
  displayName: 'Group',
  entityTabs: [
    {
      id: 'members',
      title: 'Members & ownership',
      order: 5,
      appliesTo: (entity) => entity.kind.toLowerCase() === 'group',
      // Wide cards beside narrow ones: members and ownership are lists, contact and team are short.
      render: (entity, context) =>
        `<div class="cards">${membersSection(entity, context)}${contactSection(entity, context)}${ownershipSection(entity, context)}${groupsSection(entity, context)}</div>`,
    },
  ],
};
