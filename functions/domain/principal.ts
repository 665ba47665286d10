/** Who is calling, as the identity token says (groups from the `groups` / `cognito:groups` claim). */
export interface Principal {
  sub: string;
  name: string;
  groups: readonly string[];
}

export const REPORTERS_GROUP = 'reporters';
export const CHIEF_EDITORS_GROUP = 'chief-editors';
export const deskGroup = (deskId: string): string => `desk-${deskId}`;

export const isReporter = (p: Principal): boolean => p.groups.includes(REPORTERS_GROUP);
export const isChiefEditor = (p: Principal): boolean => p.groups.includes(CHIEF_EDITORS_GROUP);

/** Desk editors of this desk, and chief editors (who act as editors on every desk). */
export const isEditorOf = (p: Principal, deskId: string): boolean =>
  isChiefEditor(p) || p.groups.includes(deskGroup(deskId));

/** Desks a principal edits, among the configured ones. */
export const editedDesks = (p: Principal, deskIds: readonly string[]): string[] =>
  deskIds.filter((id) => isEditorOf(p, id));
