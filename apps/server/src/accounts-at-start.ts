/**
 * The accounts the server makes at start (issue 5 point 2): the
 * administrator `admin` with a random password on a database without users
 * (printed once to the log; changed at the first sign-in), and in demo mode
 * one demo account per role with new random passwords at every start,
 * printed and written to the demo-users file. Outside demo mode the demo
 * accounts are disabled.
 *
 * Demo mode: `LINZE_DEMO=1` on, `LINZE_DEMO=0` off; unset → off when
 * `NODE_ENV=production`, else on exactly when the loaded dataset is the
 * generated demo data (its source is the demo notice).
 */
import path from "node:path";
import { DEMO_DATA_NOTICE, type OrgUnitTree } from "@linze/domain";
import { datasetSource, REPO_ROOT, type Database } from "@linze/db";
import { disableDemoUsers, ensureAdministrator, ensureDemoUsers, writeDemoUsersFile } from "@linze/api";

/** Where the demo accounts' passwords are written (git-ignored): LINZE_DEMO_USERS_FILE, default `<repo>/.data/demo-users.txt`. */
export const demoUsersFile = (env: NodeJS.ProcessEnv = process.env): string => env.LINZE_DEMO_USERS_FILE || path.join(REPO_ROOT, ".data", "demo-users.txt");

/** Whether demo mode is on (see the module comment). */
export async function isDemoMode(db: Database, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (env.LINZE_DEMO === "1" || env.LINZE_DEMO === "true") return true;
  if (env.LINZE_DEMO === "0" || env.LINZE_DEMO === "false") return false;
  if (env.NODE_ENV === "production") return false;
  return (await datasetSource(db)).zh === DEMO_DATA_NOTICE.zh;
}

/** Makes the accounts (see the module comment) and logs what a person needs to sign in. */
export async function prepareAccounts(db: Database, tree: OrgUnitTree, log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const admin = await ensureAdministrator(db);
  if (admin) {
    log(`Created the administrator "${admin.username}" with the password ${admin.password} — shown only this once; change it at the first sign-in (管理员初始密码仅显示这一次，首次登录后须修改)`);
  }
  if (await isDemoMode(db, env)) {
    const accounts = await ensureDemoUsers(db, tree);
    const file = demoUsersFile(env);
    await writeDemoUsersFile(file, accounts);
    log(`Demo mode (演示模式): demo accounts with new passwords, also in ${file} — for the demo data only; LINZE_DEMO=0 turns them off`);
    for (const a of accounts) log(`  ${a.username.padEnd(14)} ${a.password}  ${a.role}`);
  } else {
    const disabled = await disableDemoUsers(db);
    if (disabled.length > 0) log(`Not in demo mode: disabled the demo accounts ${disabled.join(", ")}`);
  }
}
