/**
 * The names of the people records name ({@link personLabel}): display names
 * of accounts from the server's `users.names`, one query per set of
 * usernames a view shows (cached five minutes), system identities named
 * without asking. Until the names arrive, or offline, a username shows as
 * itself.
 */
import { useContext } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import type { Locale } from "@linze/domain";
import { isSystemIdentity, personLabel } from "../auth/people.ts";
import { orgUnitName, useLocale } from "../components/locale.ts";
import { DataContext } from "./hooks.ts";
import { trpc } from "./trpc.ts";

/**
 * `(id) → name` for the identities in `ids` (nulls skipped), in the page's
 * language or in `lng` (the printed assessment is always Chinese).
 */
export function usePeople(ids: readonly (string | null | undefined)[], lng?: Locale): (id: string) => string {
  const { t, i18n } = useTranslation();
  const pageLocale = useLocale();
  const data = useContext(DataContext);
  const accounts = [...new Set(ids.filter((id): id is string => typeof id === "string" && id !== "" && !isSystemIdentity(id)))].sort();
  const names = useQuery({
    queryKey: ["people", accounts],
    queryFn: async () => new Map((await trpc.users.names.query({ ids: accounts })).map((u) => [u.id, u.displayName])),
    enabled: accounts.length > 0,
    staleTime: 5 * 60_000,
  });
  const locale = lng ?? pageLocale;
  const tr = lng ? i18n.getFixedT(lng) : t;
  // A township's name; a member post as the org unit it serves (assess.memberOf, as useUnitName names it).
  const unitName = (code: string) => {
    const tree = data?.tree;
    if (!tree) return code;
    if (tree.has(code)) return orgUnitName(tree.get(code), locale);
    const served = code.replace(/^CM-/, "");
    return served !== code && tree.has(served) ? tr("assess.memberOf", { orgUnit: orgUnitName(tree.get(served), locale), code }) : code;
  };
  const known = names.data ?? new Map<string, string>();
  return (id: string) => personLabel(id, known, tr, unitName);
}
