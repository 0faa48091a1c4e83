import type { Role } from '@lodestone/shared-types';

/**
 * Who is calling. Built by the global {@link AuthGuard} from a session access token (`lsa_…`) or an API token
 * (`lst_…`) and available to handlers through `@CurrentPrincipal()`.
 */
export interface Principal {
  /** `user` for a signed-in person, `api-token` for an integration. */
  kind: 'user' | 'api-token';
  /** The user (null for API tokens). */
  userId: string | null;
  /** The API token (null for users). */
  tokenId: string | null;
  /** The session behind a user's access token (null for API tokens). */
  sessionId: string | null;
  /** The caller's tenant; null only for platform admins. */
  tenantId: string | null;
  role: Role;
}
