import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import DemoPanel from "./DemoPanel.svelte";
import type { CallView, LoginState, Request } from "../lib/bindings";

const login: LoginState = { crm: "LoggedOut", companion: "LoggedIn" };

function call(over: Partial<CallView>): CallView {
  return {
    id: "sim-1",
    direction: "Outbound",
    remote: "+13105550100",
    remote_display: "(310) 555-0100",
    queue_name: null,
    queue: false,
    phase: "Outbound",
    started_at: 0,
    answered_at: null,
    checkbox_visible: true,
    do_not_log: false,
    logging: "CompanionLogs",
    anomalies: 0,
    ...over,
  };
}

describe("DemoPanel", () => {
  it("the far end answers a call the agent placed, and either side hangs up", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(DemoPanel, { login, calls: [call({})], send });
    await fireEvent.click(screen.getByTestId("demo-remote-answer"));
    expect(send).toHaveBeenCalledWith({ cmd: "demo", action: { kind: "RemoteAnswer", call_id: "sim-1" } });
    expect(screen.getByTestId("demo-remote-hangup").textContent).toMatch(/Far end hangs up/);
  });

  it("offers no far-end answer once answered, nor for a caller's call", () => {
    render(DemoPanel, {
      login,
      calls: [call({ phase: "Answered" }), call({ id: "sim-2", direction: "Inbound", phase: "Ringing" })],
      send: vi.fn(),
    });
    expect(screen.queryByTestId("demo-remote-answer")).toBeNull();
    const hangups = screen.getAllByTestId("demo-remote-hangup").map((b) => b.textContent ?? "");
    expect(hangups[0]).toMatch(/Far end hangs up/);
    expect(hangups[1]).toMatch(/Caller hangs up/);
  });
});
