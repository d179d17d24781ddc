import { afterEach, describe, expect, it } from "vitest";
import { crmLine, crmProblemText, deliveryLine, signInFailure, waitingLine } from "./crm";
import { useLanguage } from "./i18n.svelte";
import type { CrmAccount, CrmCause, CrmStatus, WaitingWrites } from "./bindings";

const account: CrmAccount = {
  instance_url: "https://acme.my.salesforce.com",
  org_id: "00D000000000001AAA",
  user_id: "005000000000001AAA",
  username: "ana@acme.com",
  name: "Ana",
  sandbox: false,
};

describe("crm lines", () => {
  it("names where call records go in every state", () => {
    expect(crmLine({ state: "Connected", account, external_id: true })).toEqual({ text: "Call records go to acme.my.salesforce.com as ana@acme.com", tone: "on" });
    expect(crmLine({ state: "Connected", account: { ...account, sandbox: true }, external_id: true }).text).toBe("Call records go to the built-in sandbox CRM as ana@acme.com");
    expect(crmLine({ state: "Connecting", target: "the built-in sandbox CRM", to: { kind: "Sandbox" }, sign_in_url: null, browser_error: null }).tone).toBe("warn");
    expect(crmLine({ state: "SignInNeeded", account, why: { cause: "SessionLost", detail: "INVALID_SESSION_ID" } }).text).toBe(
      "Sign in to ana@acme.com again: the CRM session ended (INVALID_SESSION_ID). Calls wait until then.",
    );
    expect(crmLine({ state: "NotConnected", why: null }).text).toBe("No CRM connected; calls wait in the outbox");
  });

  it("summarises the outbox", () => {
    expect(deliveryLine({ pending: 0, failed: 0, written: 9, last_error: null, counting: false })).toBe("all call records written");
    expect(deliveryLine({ pending: 2, failed: 1, written: 9, last_error: { cause: "NotAnswering", detail: "x" }, counting: false })).toBe("2 waiting · 1 retrying");
  });
});

describe("crm lines in other languages", () => {
  afterEach(() => useLanguage(null, "en-US"));
  const forOrg = (calls: number) => ({ calls, target: { ...account } }) as unknown as WaitingWrites;
  const nowhere = (calls: number) => ({ calls, target: null }) as unknown as WaitingWrites;

  it("English keeps its words, singular and plural", () => {
    expect(waitingLine(forOrg(1))).toBe("1 call waits for acme.my.salesforce.com (ana@acme.com) — sign in to it to send it.");
    expect(waitingLine(forOrg(12))).toBe("12 calls wait for acme.my.salesforce.com (ana@acme.com) — sign in to it to send them.");
    expect(waitingLine(nowhere(2))).toBe("2 calls ended while no CRM was connected; say where to log them.");
    expect(crmLine({ state: "Connecting", target: "the built-in sandbox CRM", to: { kind: "Sandbox" }, sign_in_url: null, browser_error: null }).text).toBe("Connecting to the built-in sandbox CRM…");
    expect(crmLine({ state: "Connecting", target: "https://login.salesforce.com (finish signing in in your browser)", to: { kind: "SignInPage", login_url: "https://login.salesforce.com" }, sign_in_url: null, browser_error: null }).text).toBe(
      "Connecting to https://login.salesforce.com (finish signing in in your browser)…",
    );
    expect(crmLine({ state: "NotConnected", why: { kind: "Disconnected" } }).text).toBe(
      "No CRM connected (disconnected; calls for that org wait in the outbox until you sign in to it again); calls wait in the outbox",
    );
    expect(deliveryLine({ pending: 0, failed: 3, written: 0, last_error: null, counting: false })).toBe("3 retrying");
  });

  it("German, with its plurals", () => {
    useLanguage("de", "de-DE");
    expect(crmLine({ state: "Connected", account, external_id: true }).text).toBe("Anrufdatensätze gehen an acme.my.salesforce.com als ana@acme.com");
    expect(crmLine({ state: "Connecting", target: "the built-in sandbox CRM", to: { kind: "Sandbox" }, sign_in_url: null, browser_error: null }).text).toBe("Verbindung zum integrierten Sandbox-CRM wird hergestellt…");
    // A saved org that does not answer: worded from data, the org's own reason kept as it came.
    const retrying = { kind: "Retrying" as const, username: "ana@acme.com", reason: "error sending request", in_seconds: 4 };
    const english = "ana@acme.com (the org is not answering: error sending request; trying again in 4 s)";
    expect(crmLine({ state: "Connecting", target: english, to: retrying, sign_in_url: null, browser_error: null }).text).toBe(
      "Verbindung zu ana@acme.com wird hergestellt (die Org antwortet nicht: error sending request; neuer Versuch in 4 s)…",
    );
    useLanguage(null, "en-US");
    expect(crmLine({ state: "Connecting", target: english, to: retrying, sign_in_url: null, browser_error: null }).text).toBe(`Connecting to ${english}…`);
    useLanguage("de", "de-DE");
    expect(deliveryLine({ pending: 2, failed: 1, written: 9, last_error: { cause: "NotAnswering", detail: "x" }, counting: false })).toBe("2 ausstehend · 1 wird wiederholt");
    expect(deliveryLine({ pending: 0, failed: 2, written: 9, last_error: { cause: "NotAnswering", detail: "x" }, counting: false })).toBe("2 werden wiederholt");
    expect(waitingLine(forOrg(1))).toBe("1 Anruf wartet auf acme.my.salesforce.com (ana@acme.com) – melden Sie sich dort an, um ihn zu senden.");
    expect(waitingLine(forOrg(3))).toBe("3 Anrufe warten auf acme.my.salesforce.com (ana@acme.com) – melden Sie sich dort an, um sie zu senden.");
  });

  it("Spanish, with its plurals", () => {
    useLanguage("es", "es-ES");
    expect(crmLine({ state: "NotConnected", why: null }).text).toBe("No hay ningún CRM conectado; las llamadas esperan en la bandeja de salida");
    expect(deliveryLine({ pending: 0, failed: 0, written: 9, last_error: null, counting: false })).toBe("todos los registros de llamadas escritos");
    expect(waitingLine(nowhere(1))).toBe("1 llamada finalizó sin ningún CRM conectado; indique dónde registrarla.");
    expect(waitingLine(nowhere(4))).toBe("4 llamadas finalizaron sin ningún CRM conectado; indique dónde registrarlas.");
  });
});

describe("CRM problems are worded from their cause, the CRM's words beside them", () => {
  afterEach(() => useLanguage(null, "en-US"));
  const causes: CrmCause[] = ["SessionLost", "RequestLimit", "NotAnswering", "Refused", "Unavailable", "OutboxUnreadable"];

  it("every cause has its own words in every language, and the detail is kept as it came", () => {
    for (const lang of [["en", "en-US"], ["de", "de-DE"], ["es", "es-ES"]] as const) {
      useLanguage(lang[0], lang[1]);
      const texts = causes.map((cause) => crmProblemText({ cause, detail: "" }));
      expect(new Set(texts).size, lang[0]).toBe(causes.length);
      for (const text of texts) expect(text, lang[0]).not.toMatch(/crm-cause/);
      expect(crmProblemText({ cause: "Refused", detail: "access_denied" })).toContain("(access_denied)");
    }
  });

  it("a failed sign-in shows on the form; a disconnect the agent chose does not", () => {
    const failed: CrmStatus = { state: "NotConnected", why: { kind: "SignInFailed", problem: { cause: "Unavailable", detail: "the sign-in was not finished within 5 minutes" } } };
    expect(signInFailure(failed)).toBe("Signing in did not work: this is not possible here (the sign-in was not finished within 5 minutes)");
    expect(signInFailure({ state: "NotConnected", why: { kind: "SandboxFailed", problem: { cause: "Unavailable", detail: "disk full" } } })).toBe(
      "The built-in CRM did not start: this is not possible here (disk full)",
    );
    expect(signInFailure({ state: "NotConnected", why: { kind: "Disconnected" } })).toBeNull();
    expect(signInFailure({ state: "NotConnected", why: null })).toBeNull();
    useLanguage("de", "de-DE");
    expect(signInFailure(failed)).toBe("Die Anmeldung hat nicht geklappt: das ist hier nicht möglich (the sign-in was not finished within 5 minutes)");
    expect(crmLine({ state: "NotConnected", why: { kind: "Disconnecting" } }).text).toBe(
      "Kein CRM verbunden (wird getrennt: die Freigabe der Org wird beendet und ihr Schlüsselbund-Eintrag gelöscht); Anrufe warten im Postausgang",
    );
    useLanguage("es", "es-ES");
    expect(crmLine({ state: "SignInNeeded", account, why: { cause: "RequestLimit", detail: "TotalRequests Limit exceeded" } }).text).toContain(
      "se agotó la cuota diaria de API de la org (TotalRequests Limit exceeded)",
    );
  });
});
