import { describe, expect, it, vi, afterEach } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import ActiveCall from "./ActiveCall.svelte";
import type { CallView, Request } from "../lib/bindings";
import { flushSync } from "svelte";
import { useLanguage } from "../lib/i18n.svelte";

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

function setup(call: CallView, now = 1_065_000) {
  const send = vi.fn(async (_r: Request) => true);
  render(ActiveCall, { call, now, send });
  return send;
}

describe("ActiveCall", () => {
  it("shows phase, number and a timer", () => {
    setup(view());
    expect(screen.getByTestId("call-phase").textContent).toBe("Ringing");
    expect(screen.getByTestId("call-number").textContent).toBe("(310) 867-5309");
    expect(screen.getByTestId("call-timer").textContent).toBe("1:05");
  });

  it("DNL-1/DNL-2: the checkbox is there exactly when the core says so", () => {
    setup(view({ checkbox_visible: false }));
    expect(screen.queryByTestId("do-not-log")).toBeNull();
  });

  it("DNL-3: ticking sends set_do_not_log for this call", async () => {
    const send = setup(view());
    const box = screen.getByLabelText(/Do not log the call/) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await fireEvent.click(box);
    expect(send).toHaveBeenCalledWith({ cmd: "set_do_not_log", call_id: "sim-1", ticked: true });
  });

  it("reflects a ticked state from the core", () => {
    setup(view({ do_not_log: true, phase: "Hold" }));
    expect((screen.getByTestId("do-not-log") as HTMLInputElement).checked).toBe(true);
  });

  it("offers the controls that fit the phase", async () => {
    let send = setup(view({ phase: "Ringing" }));
    expect(screen.queryByTestId("hold")).toBeNull();
    await fireEvent.click(screen.getByTestId("answer"));
    expect(send).toHaveBeenCalledWith({ cmd: "call_control", action: { kind: "Answer", call_id: "sim-1" } });
  });

  it("hold and resume by phase", async () => {
    const send = setup(view({ phase: "Answered", answered_at: 1_060_000 }));
    expect(screen.getByTestId("call-timer").textContent).toBe("0:05");
    expect(screen.queryByTestId("answer")).toBeNull();
    await fireEvent.click(screen.getByTestId("hold"));
    expect(send).toHaveBeenLastCalledWith({ cmd: "call_control", action: { kind: "Hold", call_id: "sim-1" } });
  });

  it("a ringing call's red button declines it", () => {
    setup(view({ phase: "Ringing" }));
    expect(screen.getByTestId("hangup").textContent).toBe("Decline");
  });

  it("shows a key only on the call it acts on, and marks the call in focus", () => {
    const send = vi.fn(async (_r: Request) => true);
    const keys = { answer: "sim-2", hold_resume: "sim-1", hangup: "sim-1", do_not_log: "sim-1" };
    render(ActiveCall, { call: view({ phase: "Answered", answered_at: 1_000_000 }), now: 1_065_000, send, keys });
    render(ActiveCall, { call: view({ id: "sim-2", phase: "Ringing" }), now: 1_065_000, send, keys });
    const [talking, ringing] = screen.getAllByTestId("active-call");
    expect(talking.dataset.focused).toBe("true");
    expect(ringing.dataset.focused).toBe("false");
    expect(screen.getAllByTestId("keys-here")).toHaveLength(1);
    expect(talking.querySelector("[data-testid=hold]")?.getAttribute("aria-keyshortcuts")).toBe("Alt+H");
    expect(talking.querySelector("[data-testid=hangup]")?.textContent).toBe("Hang upAlt+E");
    expect(ringing.querySelector("[data-testid=hangup]")?.getAttribute("aria-keyshortcuts")).toBeNull();
    expect(ringing.querySelector("[data-testid=answer]")?.getAttribute("aria-keyshortcuts")).toBe("Alt+A");
    expect(talking.querySelector("kbd[title]")?.textContent).toBe("Alt+D");
    expect(ringing.querySelector("kbd[title]")).toBeNull();
  });

  it("the checkbox explains itself, and why it went away", () => {
    const cases: [Partial<CallView>, RegExp][] = [
      [{ logging: "CompanionLogs" }, /Ringside logs this call.*Tick the box/],
      [{ logging: "AgentChoseDoNotLog", do_not_log: true }, /will not log this call/],
      [{ logging: "DefaultDoNotLog", do_not_log: true }, /your default is not to log/],
      [{ logging: "CrmLoggedIn", checkbox_visible: false }, /CRM softphone logs this call now — you are logged in to the CRM/],
      [{ logging: "CompanionLogsCheckboxNotOffered", checkbox_visible: false }, /does not offer/],
      [{ logging: "ServiceCode", direction: "Outbound", phase: "Outbound", checkbox_visible: false }, /nothing is logged/],
    ];
    for (const [over, want] of cases) {
      const { unmount } = render(ActiveCall, { call: view(over), now: 1_065_000, send: vi.fn(async () => true) });
      const note = screen.getByTestId("logging-note");
      expect(note.textContent).toMatch(want);
      expect(note.dataset.logging).toBe(over.logging);
      if (over.checkbox_visible !== false) {
        expect(screen.getByTestId("do-not-log").getAttribute("aria-describedby")).toBe(note.id);
      }
      unmount();
    }
  });

  it("asks before holding the call in conversation; Hold and answer confirms", async () => {
    const answer = vi.fn();
    const onCancelAsk = vi.fn();
    const send = vi.fn(async (_r: Request) => true);
    render(ActiveCall, { call: view(), now: 1_065_000, send, asking: true, answer, onCancelAsk });
    expect(screen.getByTestId("hold-ask").textContent).toMatch(/on hold and answer/);
    await fireEvent.click(screen.getByTestId("answer"));
    expect(answer).toHaveBeenLastCalledWith(false);
    await fireEvent.click(screen.getByTestId("hold-and-answer"));
    expect(answer).toHaveBeenLastCalledWith(true);
    await fireEvent.click(screen.getByTestId("hold-ask-cancel"));
    expect(onCancelAsk).toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
  });

  it("a queue call carries its queue's name", () => {
    const { unmount } = render(ActiveCall, { call: view({ queue: true, queue_name: "Billing" }), now: 1_065_000, send: vi.fn(async () => true) });
    expect(screen.getByTestId("call-queue").textContent).toBe("Queue: Billing");
    unmount();
    render(ActiveCall, { call: view(), now: 1_065_000, send: vi.fn(async () => true) });
    expect(screen.queryByTestId("call-queue")).toBeNull();
  });
});

// A call's card in German and Spanish: its buttons, checkbox and question
// come from the catalogues, and a language switch redraws them.
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
