import { ApiError, byId } from "./dom.js";
import { authStatus, logout, type SignedIn } from "./session.js";
import { initAccounts, loadAccounts } from "./admin/accounts.js";
import { initAudit, loadAudit } from "./admin/audit.js";
import { editCurated, initCurated, loadCurated, loadRecords } from "./admin/curated.js";
import { initDocuments, loadDocuments } from "./admin/documents.js";
import { initHitTest, runHitTest } from "./admin/hit-test.js";
import { onCorpusChanged } from "./admin/jobs.js";
import { draftSynonym, initLexicon, loadLexicon } from "./admin/lexicon.js";
import { initQueries, loadQueries, type QueryActions } from "./admin/queries.js";
import { initStats, loadStats } from "./admin/stats.js";

/** The admin page: one tab per daily task, the open tab kept in the address (#queries …). */

const TABS = ["documents", "queries", "stats", "hittest", "lexicon", "accounts", "audit", "curated"] as const;
type Tab = (typeof TABS)[number];
let me: SignedIn | undefined;

const LOADERS: Record<Tab, () => Promise<void>> = {
  documents: loadDocuments,
  queries: () => loadAccounts(me).then(() => loadQueries(actions)),
  stats: loadStats,
  hittest: async () => undefined,
  lexicon: loadLexicon,
  accounts: () => loadAccounts(me),
  audit: () => loadAccounts(me).then(loadAudit),
  curated: () => loadRecords().then(loadCurated),
};

function show(tab: Tab, load = true): void {
  for (const name of TABS) {
    byId(`tab-${name}`).hidden = name !== tab;
    const button = document.querySelector<HTMLButtonElement>(`[data-tab="${name}"]`)!;
    button.setAttribute("aria-selected", String(name === tab));
  }
  if (location.hash !== `#${tab}`) history.replaceState(null, "", `#${tab}`);
  if (load) void LOADERS[tab]().catch(showError);
}

/** A failed load shows above the tabs' content; a signed-out session is already on its way to the login page. */
function showError(err: unknown): void {
  if (err instanceof ApiError && err.status === 401) return;
  const box = byId("page-error");
  box.textContent = err instanceof Error ? err.message : "加载失败，请刷新页面。";
  box.hidden = false;
}

const actions: QueryActions = {
  curate(question, recordId) {
    show("curated");
    void loadRecords()
      .then(() => editCurated(undefined, question, recordId))
      .catch(showError);
  },
  draftSynonym(question) {
    show("lexicon", false);
    void loadLexicon()
      .then(() => draftSynonym(question))
      .catch(showError);
  },
  hitTest(question) {
    show("hittest");
    void runHitTest(question);
  },
};

const tabOf = (hash: string): Tab => ((TABS as readonly string[]).includes(hash.slice(1)) ? (hash.slice(1) as Tab) : "documents");

async function start(): Promise<void> {
  const status = await authStatus();
  if (!status.user || status.user.role !== "admin") {
    location.assign("/login?next=/admin");
    return;
  }
  me = status.user;
  byId("whoami").textContent = `${me.displayName}（${me.username}）`;
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-tab]")) {
    button.addEventListener("click", () => show(button.dataset.tab as Tab));
  }
  window.addEventListener("hashchange", () => show(tabOf(location.hash)));
  byId("logout").addEventListener("click", () => void logout());
  initDocuments();
  initQueries(actions);
  initStats();
  initHitTest();
  initLexicon();
  initAccounts(loadAudit);
  initAudit();
  initCurated();
  onCorpusChanged(() => loadRecords().then(loadCurated));
  show(tabOf(location.hash));
  document.body.dataset.ready = "1";
}

window.addEventListener("unhandledrejection", (event) => {
  showError(event.reason);
  event.preventDefault();
});

void start();
