/**
 * Who a record names, as a person reads it. The `*_by` columns and the audit
 * log hold usernames, and identities that are not accounts: the server
 * (`system`), a visitor not signed in (`anonymous`), the command line
 * (`local-admin`), the dataset loader (`dataset-loader`), the demo seeding's
 * assessor and reviewer and a unit's self-scores from the dataset
 * (`demo-self:<unit code>`). An account is named by its display name (the
 * server's `users.names`); the others by a label in the page's language
 * (i18n `auth.people`). The id stays available beside the name (a title, or
 * secondary text on the audit page) for the auditor.
 */
import type { TFunction } from "i18next";
import { isSystemIdentityId, SYSTEM_IDENTITIES } from "@linze/api/system-identities";

export { SYSTEM_IDENTITIES };

/** `demo-self:LZ-SH`: the self-scores of an assessed unit (township or member post) loaded from the dataset. */
const SELF_SCORE = /^demo-self:(.+)$/;

/** True for an identity the dashboard names itself; the server is asked only for the others. */
export function isSystemIdentity(id: string): boolean {
  return isSystemIdentityId(id) || SELF_SCORE.test(id);
}

/**
 * The name to show for `id`: a system identity's label in `t`'s language
 * (a self-score source names its unit through `unitName`), else the
 * account's display name from `names` (username → display name), else the
 * id itself (a name the server does not know, or not yet loaded).
 */
export function personLabel(id: string, names: ReadonlyMap<string, string>, t: TFunction, unitName: (code: string) => string): string {
  if (isSystemIdentityId(id)) return t(`auth.people.${id}`);
  const self = SELF_SCORE.exec(id);
  if (self) return t("auth.people.selfScore", { unit: unitName(self[1]!) });
  return names.get(id) ?? id;
}
