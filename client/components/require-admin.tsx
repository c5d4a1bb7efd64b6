// Administrator pages: their child routes for an administrator; for anyone else the not-found page,
// as for an address that does not exist (the server refuses their calls anyway).
import { Outlet } from 'react-router';
import { NotFoundPage } from '../pages/not-found/not-found-page';
import { useSignedIn } from './session';

export function RequireAdmin() {
  const { user } = useSignedIn();
  return user.role === 'admin' ? <Outlet /> : <NotFoundPage />;
}
