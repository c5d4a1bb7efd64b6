// What an extension's web pages may use of the client (the import-boundary rule allows extensions'
// client code this file, shared/, npm packages and their own folder): how they declare pages and
// navigation, the typed tRPC hooks, the session, and the shared components.
import type { ComponentType } from 'react';
import type { Icon } from '@tabler/icons-react';

export type NavGroupName = 'Play' | 'Rewards & markets' | 'Account' | 'Admin';

export interface ClientPage {
  /** A react-router path (`/leagues/:leagueId`). */
  path: string;
  /** Loaded on first visit, as its own chunk. */
  load: () => Promise<{ default: ComponentType }>;
  /** Shown to administrators only (others get the not-found page); the server checks every call again. */
  adminOnly?: boolean;
  /** The browser tab's title, "<title> · CalOS" (a page may name itself after what it shows with useDocumentTitle). */
  title?: string;
}

export interface ClientNavItem {
  to: string;
  label: string;
  /** A Tabler icon; a puzzle piece when none is given. */
  icon?: Icon;
  /** Active on this path only; false keeps it active on the pages below it too. */
  end: boolean;
  group: NavGroupName;
  adminOnly?: boolean;
  /** Place within its group (the kernel's entries count 10, 20, …). */
  order: number;
}

export interface ClientExtension {
  /** The server-side extension's id: its pages show only while the server runs it. */
  id: string;
  pages: ClientPage[];
  nav: ClientNavItem[];
}

export const defineClientExtension = (extension: ClientExtension) => extension;

import * as ReactModule from 'react';

/** React itself, for pages shipped as plain JavaScript by npm packages. */
export const React = ReactModule;
export { trpc } from './trpc';
export { useSignedIn, type SessionInfo } from './components/session';
export * from './components/errors';
export { ConfirmModal } from './components/confirm-modal';
export { QueryState } from './pages/developer/query-state';
export * from './components/time-format';
export { useDocumentTitle } from './components/document-title';
export { UserPicker } from './components/user-picker';
