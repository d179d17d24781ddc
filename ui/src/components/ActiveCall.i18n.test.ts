// A call's card in German and Spanish: its buttons, checkbox and question
// come from the catalogues, and a language switch redraws them.
import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import { flushSync } from "svelte";
import ActiveCall from "./ActiveCall.svelte";
import { useLanguage } from "../lib/i18n.svelte";
import type { CallView, Request } from "../lib/bindings";

function view(over: Partial<CallView> = {}): CallView {
  return {
    id: "sim-1",
    direction: "Inbound",
    remote: "+13108675309",
    remote_display: "(310) 867-5309",
    queue_name: null,
    queue: false,
    phase: "Ringing",
    started_at: 1_000_000,
    answered_at: null,
    checkbox_visible: true,
    do_not_log: false,
    logging: "CompanionLogs",
    anomalies: 0,
    ...over,
  };
}

const send = () => vi.fn(async (_r: Request) => true);
const keys = { answer: "sim-1", hold_resume: "sim-1", hangup: "sim-1", do_not_log: "sim-1" };

afterEach(() => useLanguage(null, "en-US"));

describe("ActiveCall in German and Spanish", () => {
  it("a ringing call speaks German: answer, decline, the checkbox and the question", () => {
    useLanguage("de", "de-DE");
    render(ActiveCall, { call: view(), now: 1_065_000, send: send(), keys, asking: true, answer: vi.fn() });
    expect(screen.getByTestId("answer").textContent).toBe("AnnehmenAlt+A");
    expect(screen.getByTestId("hangup").textContent).toBe("AblehnenAlt+E");
    expect(screen.getByLabelText(/Anruf nicht protokollieren/)).toBeTruthy();
    expect(screen.getByTestId("keys-here").textContent).toBe("Tastenkürzel gelten für diesen Anruf");
    expect(screen.getByTestId("hold-ask").getAttribute("aria-label")).toBe("Ein anderes Gespräch ist aktiv");
    expect(screen.getByTestId("hold-and-answer").textContent).toBe("Halten und annehmen");
    expect(screen.getByTestId("hold-ask-cancel").textContent).toBe("Jetzt nicht");
    expect(screen.getByTestId("active-call").querySelector(".meta")?.textContent).toContain("Eingehend");
    expect(screen.getByTestId("active-call").querySelector("kbd[title]")?.getAttribute("title")).toBe("Tastenkürzel");
  });

  it("a call in conversation speaks Spanish: hold and hang up", () => {
    useLanguage("es", "es-ES");
    render(ActiveCall, { call: view({ phase: "Answered", answered_at: 1_000_000, direction: "Dialback" }), now: 1_065_000, send: send(), keys });
    expect(screen.getByTestId("hold").textContent).toBe("Poner en esperaAlt+H");
    expect(screen.getByTestId("hangup").textContent).toBe("ColgarAlt+E");
    expect(screen.getByLabelText(/No registrar la llamada/)).toBeTruthy();
    expect(screen.getByTestId("active-call").querySelector(".meta")?.textContent).toContain("Devolución de llamada");
  });

  it("a call on hold offers Resume in Spanish", () => {
    useLanguage("es", "es-ES");
    render(ActiveCall, { call: view({ phase: "Hold", answered_at: 1_000_000 }), now: 1_065_000, send: send() });
    expect(screen.getByTestId("resume").textContent).toBe("Reanudar");
  });

  it("switching the language redraws the card", () => {
    render(ActiveCall, { call: view(), now: 1_065_000, send: send() });
    expect(screen.getByTestId("answer").textContent).toBe("Answer");
    useLanguage("de", "de-DE");
    flushSync();
    expect(screen.getByTestId("answer").textContent).toBe("Annehmen");
    useLanguage("es", "es-ES");
    flushSync();
    expect(screen.getByTestId("answer").textContent).toBe("Contestar");
  });
});
