import type { ActionOutcome } from '../../core/actions/confirmation/actionViews';
import type { LookupAnswer } from '../../core/actions/confirmation/confirmation';
import { failureText } from '../../core/actions/requests/failure';
import type { FoundAccount } from '../../core/actions/model';
import type { OutgoingRequest } from '../../core/actions/requests/requests';
import type { PolicyOptions } from './policyFetch';
import { callDirect, SecurityApiEndpoints } from './securityApis';

/** Graph writes providers in PascalCase in this list ("ActiveDirectory"), and takes them in camelCase. */
const ENABLEABLE: Readonly<Record<string, FoundAccount['provider']>> = { activedirectory: 'activeDirectory', okta: 'okta' };
const MAX_ACCOUNTS = 3;

interface ListedIdentity {
  readonly id?: unknown;
  readonly displayName?: unknown;
  readonly domain?: unknown;
  readonly accounts?: readonly { readonly provider?: unknown; readonly identityProvider?: unknown; readonly identifier?: unknown }[];
}

/**
 * The accounts Defender for Identity has for a SID that invokeAction can enable: for each identity, its
 * Active Directory account, else its Okta one (Graph enables no Microsoft Entra ID account this way).
 */
export async function lookUpAccounts(lookup: OutgoingRequest, token: string, endpoints: SecurityApiEndpoints, options: PolicyOptions): Promise<LookupAnswer | ActionOutcome> {
  const answer = await callDirect(lookup, token, new URL(`/v1.0${lookup.path}`, endpoints.graphBaseUrl), options);
  if (!answer.ok) return { kind: 'refused', text: `The account could not be looked up. ${failureText('enable-account', answer.failure)}` };
  const listed = (answer.body as { value?: unknown } | undefined)?.value;
  const identities: ListedIdentity[] = Array.isArray(listed) ? listed.slice(0, MAX_ACCOUNTS) : [];
  const accounts = identities.flatMap((identity): FoundAccount[] => {
    if (typeof identity?.id !== 'string') return [];
    const enableable = (identity.accounts ?? []).flatMap((account) => {
      const provider = ENABLEABLE[String(account?.provider ?? account?.identityProvider ?? '').toLowerCase()];
      return provider && typeof account.identifier === 'string' ? [{ provider, accountId: account.identifier }] : [];
    });
    const chosen = enableable.find((a) => a.provider === 'activeDirectory') ?? enableable[0];
    const name = [identity.displayName, identity.domain].filter((part) => typeof part === 'string' && part !== '').join(' @ ').slice(0, 100);
    return chosen ? [{ identityId: identity.id.slice(0, 100), accountId: chosen.accountId.slice(0, 100), provider: chosen.provider, name: name || 'an account' }] : [];
  });
  return { kind: 'accounts-found', accounts };
}
