/** The local stack's demo users: one of each role, plus a second reporter and editor for trying conflicts. */
export const DEMO_USERS = [
  { sub: 'demo-reporter', name: 'Анна Смирнова', groups: ['reporters'], role: 'reporter' },
  { sub: 'demo-editor', name: 'Борис Лебедев', groups: ['desk-politics'], role: 'politics desk editor' },
  { sub: 'demo-chief', name: 'Вера Кузнецова', groups: ['chief-editors'], role: 'chief editor' },
  { sub: 'demo-reporter-2', name: 'Дмитрий Орлов', groups: ['reporters'], role: 'reporter' },
  { sub: 'demo-editor-2', name: 'Галина Петрова', groups: ['desk-politics'], role: 'politics desk editor' },
] as const;

export type DemoUser = (typeof DEMO_USERS)[number];

export const demoUser = (sub: DemoUser['sub']): DemoUser => {
  const user = DEMO_USERS.find((u) => u.sub === sub);
  if (!user) throw new Error(`no demo user ${sub}`);
  return user;
};
