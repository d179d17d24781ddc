import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import ActiveCall from "./ActiveCall.svelte";
import type { CallView, Request } from "../lib/bindings";

function view(over: Partial<CallView> = {}): CallView {
  return {
    id: "sim-1",
    direction: "Inbound",
    remote: "+13108675309",
    phase: "Ringing",
    started_at: 1_000_000,
    answered_at: null,
    checkbox_visible: true,
    do_not_log: false,
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
    expect(screen.getByTestId("call-number").textContent).toBe("+13108675309");
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
});
