import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, from this file's location: npm scripts run with cwd = the workspace folder. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The demo dataset loaded on first start. */
export const DEFAULT_DATASET_DIR = path.join(REPO_ROOT, "data", "linze");
/** The dashboard's build output (`npm run build -w @linze/web`). */
export const DEFAULT_WEB_DIST = path.join(REPO_ROOT, "apps", "web", "dist");
