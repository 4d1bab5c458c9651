import { assertNever } from "../errors.js";
import type { ObjectEntry, ObjectStore } from "./object-store.js";
import { AWSLOGS_FOLDER, isAccountFolder, isOrgFolder, isRegionFolder, lastSegment, serviceFolderKind } from "./cloudtrail-layout.js";
import { listFolder, type SkipLog } from "./list-folder.js";
import { mapLimit } from "./map-limit.js";

/** One account x region (x log kind) of a delivery tree: the unit that sampling gives each a share. */
export interface Stratum {
  org?: string;
  account: string;
  region: string;
  kind: "log" | "insight";
  /** the region folder, e.g. `AWSLogs/o-1234abcdef/123456789012/CloudTrail/us-east-1/` */
  prefix: string;
}

export interface DiscoverOptions {
  accounts?: string[];
  regions?: string[];
  includeInsights?: boolean;
  /** LIST calls in flight */
  concurrency: number;
}

/**
 * Finds the strata under a store's root with delimiter listings only (root, AWSLogs/, org, account,
 * service and region folders: a few requests per account, whatever the number of objects).
 * Returns undefined when the root holds no AWSLogs layout, so the caller reads it as a plain folder.
 * The root may be the bucket (or a prefix) holding `AWSLogs/`, or `AWSLogs/` itself.
 *
 * @example
 *   const strata = await discoverStrata(store, { concurrency: 8 }, log);
 */
export async function discoverStrata(store: ObjectStore, options: DiscoverOptions, log: SkipLog): Promise<Stratum[] | undefined> {
  const root = await listFolder(store, "", log);
  if (root === undefined) return undefined;
  let base: string;
  if (root.prefixes.includes(AWSLOGS_FOLDER)) {
    base = AWSLOGS_FOLDER;
    for (const p of root.prefixes) if (p !== AWSLOGS_FOLDER) log.skip(p, "outside-layout");
    for (const o of root.objects) log.skip(o.key, "outside-layout");
  } else if (root.prefixes.some((p) => isAccountFolder(p) || isOrgFolder(p))) {
    base = "";
  } else if (root.prefixes.some((p) => serviceFolderKind(p) !== "other")) {
    // The root is one account's folder (s3://bucket/AWSLogs/123456789012/).
    return accountStrata(store, { prefix: "", account: accountOfRoot(store.root) }, root, options, log);
  } else if (root.prefixes.length > 0 && root.prefixes.every((p) => isRegionFolder(p))) {
    // The root is a CloudTrail/ folder (s3://bucket/AWSLogs/123456789012/CloudTrail/).
    return regionStrata({ prefix: "", kind: "log" }, { account: accountOfRoot(store.root) }, root, options, log);
  } else {
    return undefined;
  }

  const top = base === "" ? root : await listFolder(store, base, log);
  if (top === undefined) return [];
  const accountFolders: { org?: string; prefix: string }[] = [];
  const orgFolders: string[] = [];
  for (const p of top.prefixes) {
    const name = lastSegment(p);
    if (isAccountFolder(name)) accountFolders.push({ prefix: p });
    else if (isOrgFolder(name)) orgFolders.push(p);
    else log.skip(p, "outside-layout");
  }
  for (const o of top.objects) log.skip(o.key, "outside-layout");
  const orgChildren = await mapLimit(orgFolders, options.concurrency, (p) => listFolder(store, p, log));
  orgFolders.forEach((org, i) => {
    const children = orgChildren[i];
    if (children === undefined) return;
    for (const p of children.prefixes) {
      if (isAccountFolder(lastSegment(p))) accountFolders.push({ org: lastSegment(org).slice(0, -1), prefix: p });
      else log.skip(p, "outside-layout");
    }
    for (const o of children.objects) log.skip(o.key, "outside-layout");
  });

  const wanted = accountFolders.filter((a) => {
    const account = lastSegment(a.prefix).slice(0, -1);
    if (options.accounts === undefined || options.accounts.includes(account)) return true;
    log.skip(a.prefix, "account-filter");
    return false;
  });

  const perAccount = await mapLimit(wanted, options.concurrency, async (a) => {
    const services = await listFolder(store, a.prefix, log);
    if (services === undefined) return [];
    return accountStrata(store, { ...a, account: lastSegment(a.prefix).slice(0, -1) }, services, options, log);
  });
  return perAccount.flat().sort((x, y) => (x.prefix < y.prefix ? -1 : x.prefix > y.prefix ? 1 : 0));
}

/** An account folder's CloudTrail (and, if asked, Insight) regions; digest and other services are reported. */
async function accountStrata(
  store: ObjectStore,
  where: { org?: string; account: string; prefix: string },
  services: { prefixes: string[]; objects: ObjectEntry[] },
  options: DiscoverOptions,
  log: SkipLog,
): Promise<Stratum[]> {
  for (const o of services.objects) log.skip(o.key, "not-log-file");
  const kinds: { kind: Stratum["kind"]; prefix: string }[] = [];
  for (const p of services.prefixes) {
    const kind = serviceFolderKind(lastSegment(p));
    switch (kind) {
      case "log":
        kinds.push({ kind, prefix: p });
        break;
      case "insight":
        if (options.includeInsights === true) kinds.push({ kind, prefix: p });
        else log.skip(p, "insight");
        break;
      case "digest":
        log.skip(p, "digest");
        break;
      case "other":
        log.skip(p, "other-service");
        break;
      default:
        assertNever(kind, "service folder kind");
    }
  }
  const strata: Stratum[] = [];
  for (const service of kinds) {
    const regions = await listFolder(store, service.prefix, log);
    if (regions !== undefined) strata.push(...regionStrata(service, where, regions, options, log));
  }
  return strata;
}

/** The region folders of one CloudTrail/ (or CloudTrail-Insight/) folder, filtered by --regions. */
function regionStrata(
  service: { kind: Stratum["kind"]; prefix: string },
  where: { org?: string; account: string },
  regions: { prefixes: string[]; objects: ObjectEntry[] },
  options: DiscoverOptions,
  log: SkipLog,
): Stratum[] {
  for (const o of regions.objects) log.skip(o.key, "not-log-file");
  const strata: Stratum[] = [];
  for (const p of regions.prefixes) {
    const name = lastSegment(p);
    const region = name.slice(0, -1);
    if (!isRegionFolder(name)) log.skip(p, "outside-layout");
    else if (options.regions !== undefined && !options.regions.includes(region)) log.skip(p, "region-filter");
    else strata.push({ ...(where.org === undefined ? {} : { org: where.org }), account: where.account, region, kind: service.kind, prefix: p });
  }
  return strata;
}

/** The account id a root like `s3://bucket/AWSLogs/123456789012/CloudTrail/` names, or "" when it names none. */
function accountOfRoot(root: string): string {
  return /\/(\d{12})\/(CloudTrail[^/]*\/)?$/.exec(root)?.[1] ?? "";
}
