import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';

/** One entry of a navigation list; the router marks the current page's link (aria-current="page"). */
export function NavItem({ to, end, strong, children }: { to: string; end?: boolean; strong?: boolean; children: ReactNode }) {
  return (
    <li>
      <NavLink to={to} end={end} className={strong ? 'nav-link nav-link-strong' : 'nav-link'}>
        {children}
      </NavLink>
    </li>
  );
}
