import { type Actor, hasRole, type Role, ROLES_THAT_LOG_FOR_SCHOOLS } from '@sg/complaints';

export interface NavigationItem {
  readonly href: string;
  readonly text: string;
  readonly active?: boolean;
}

/** Each place in the service, and who it is for: a person sees the places their roles open. */
const PLACES: readonly { href: string; text: string; roles: readonly Role[] }[] = [
  { href: '/complaints', text: 'Your complaints', roles: ['school-staff'] },
  { href: '/triage', text: 'Triage', roles: ['business-support'] },
  { href: '/mail', text: 'Emails to match', roles: ['business-support'] },
  { href: '/service-queue', text: 'Service queue', roles: ['service-manager'] },
  { href: '/board', text: 'Board', roles: ['board-member'] },
  { href: '/finance', text: 'Payments', roles: ['finance'] },
  {
    href: '/reports',
    text: 'Reports',
    roles: ['scrutiny', 'business-support', 'board-member', 'finance', 'admin', 'service-manager'],
  },
  {
    href: '/search',
    text: 'Search',
    roles: ['business-support', 'service-manager', 'board-member', 'finance', 'admin'],
  },
  { href: '/admin', text: 'Administration', roles: ['admin'] },
  {
    href: '/complaints/new/for-a-school',
    text: 'Log a complaint for a school',
    roles: ROLES_THAT_LOG_FOR_SCHOOLS,
  },
];

export function navigationFor(actor: Actor | undefined, path: string): NavigationItem[] {
  if (!actor) return [];
  return PLACES.filter((place) => place.roles.some((role) => hasRole(actor, role))).map(
    (place) => ({
      href: place.href,
      text: place.text,
      active: path === place.href || path.startsWith(`${place.href}/`),
    }),
  );
}
