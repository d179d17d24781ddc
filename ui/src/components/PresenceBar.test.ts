import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import PresenceBar from "./PresenceBar.svelte";
import type { PresenceView, Request } from "../lib/bindings";
import { MAPPING, presenceView } from "../lib/presence.testdata";

afterEach(() => vi.useRealTimers());

function setup(presence: PresenceView = presenceView(), ok = true) {
  const send = vi.fn(async (_r: Request) => ok);
  const view = render(PresenceBar, { presence, send });
  return { send, ...view };
}

const select = (testid: string) => screen.getByTestId(testid) as HTMLSelectElement;
const options = (testid: string) => [...select(testid).options].map((o) => o.textContent);
const shown = (testid: string) => select(testid).selectedOptions[0]?.textContent;

describe("PresenceBar", () => {
  it("shows nothing when the CRM has no presence", () => {
    setup(presenceView({ available: false }));
    expect(screen.queryByTestId("presence-bar")).toBeNull();
  });

  it("shows both sides under visible labels, with the CRM's labels and the telephony statuses", () => {
    setup();
    expect(screen.getByRole("region", { name: "Presence" })).toBeTruthy();
    expect(screen.getByLabelText("CRM status")).toBe(select("presence-crm"));
    expect(screen.getByLabelText("Telephony status")).toBe(select("presence-phone"));
    expect(options("presence-crm")).toEqual(["Available for Calls", "Online", "Away from Desk", "Lunch Break", "Chat Only", "On a Call (CRM)", "Everything"]);
    expect(shown("presence-crm")).toBe("Available for Calls");
    expect(options("presence-phone")).toEqual(["Available", "Away", "Busy", "After Call Work", "Offline"]);
    expect(shown("presence-phone")).toBe("Available");
    expect(select("presence-crm").disabled).toBe(false);
    expect(screen.queryByTestId("presence-off")).toBeNull();
  });

  it("sets the CRM status by its API name, leaving telephony to the mapping", async () => {
    const { send } = setup();
    await fireEvent.change(select("presence-crm"), { target: { value: "Lunch_Break" } });
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({ cmd: "set_presence", crm: "Lunch_Break", phone: null });
  });

  it("sets the telephony status, leaving the CRM to the mapping", async () => {
    const { send } = setup();
    await fireEvent.change(select("presence-phone"), { target: { value: "AfterCallWork" } });
    expect(send).toHaveBeenCalledWith({ cmd: "set_presence", crm: null, phone: { kind: "AfterCallWork" } });
  });

  it("Sync status asks Ringside to set both sides in step", async () => {
    const { send } = setup(presenceView({ in_sync: false }));
    await fireEvent.click(screen.getByTestId("presence-sync-now"));
    expect(send).toHaveBeenCalledWith({ cmd: "presence_sync_now" });
    expect(screen.getByTestId("presence-sync-now").textContent?.trim()).toBe("Sync status");
  });

  it.each([
    [{ in_sync: true, pending: 0 }, "in-sync", "In sync"],
    [{ in_sync: false, pending: 2 }, "syncing", "Syncing… (2 waiting)"],
    [{ in_sync: false, pending: 0 }, "apart", "Out of sync"],
  ] as const)("the sync indicator: %o → %s", (over, state, text) => {
    setup(presenceView(over));
    const sync = screen.getByTestId("presence-sync");
    expect(sync.dataset.state).toBe(state);
    expect(sync.textContent?.trim()).toBe(text);
    expect(sync.title).not.toBe("");
  });

  it("On a Call is never offered: during a call it is shown as the current value only", async () => {
    const { send } = setup(presenceView({ phone: { kind: "OnACall" }, crm: "On_a_Call" }));
    const phone = select("presence-phone");
    expect(shown("presence-phone")).toBe("On a Call");
    const onCall = [...phone.options].filter((o) => o.textContent === "On a Call");
    expect(onCall).toHaveLength(1);
    expect(onCall[0].disabled).toBe(true);
    expect([...phone.options].filter((o) => !o.disabled).map((o) => o.textContent)).toEqual(["Available", "Away", "Busy", "After Call Work", "Offline"]);
    // Choosing it (a forced event) sends nothing.
    await fireEvent.change(phone, { target: { value: "OnACall" } });
    expect(send).not.toHaveBeenCalled();
    // The agent can still pick a status for after the call.
    await fireEvent.change(phone, { target: { value: "Away" } });
    expect(send).toHaveBeenCalledWith({ cmd: "set_presence", crm: null, phone: { kind: "Away" } });
  });

  it("not offered either when sync is off and no call is up", () => {
    setup(presenceView({ mapping: { ...MAPPING, enabled: false } }));
    expect(options("presence-phone")).not.toContain("On a Call");
  });

  it("a platform's own status is shown by its name, and offered when the mapping names it", async () => {
    const mapping = { ...MAPPING, to_phone: [...MAPPING.to_phone, { crm: "Everything", phone: { kind: "Platform" as const, name: "Training" } }] };
    const { send } = setup(presenceView({ mapping, phone: { kind: "Platform", name: "Coaching" } }));
    expect(shown("presence-phone")).toBe("Coaching");
    expect(options("presence-phone")).toEqual(["Coaching", "Available", "Away", "Busy", "After Call Work", "Offline", "Training"]);
    await fireEvent.change(select("presence-phone"), { target: { value: "platform:Training" } });
    expect(send).toHaveBeenCalledWith({ cmd: "set_presence", crm: null, phone: { kind: "Platform", name: "Training" } });
  });

  it("offline in the CRM, a status the org does not list, and sides not read yet", () => {
    const { unmount } = setup(presenceView({ crm: null }));
    expect(shown("presence-crm")).toBe("Offline");
    unmount();
    const second = setup(presenceView({ crm: "Retired_Status" }));
    expect(shown("presence-crm")).toBe("Retired_Status");
    second.unmount();
    setup(presenceView({ crm_known: false, crm: null, phone: null }));
    expect(shown("presence-crm")).toBe("Not read yet");
    expect(shown("presence-phone")).toBe("Not read yet");
  });

  it("sync off: a calm note, the current values shown, nothing sent", async () => {
    const { send } = setup(presenceView({ mapping: { ...MAPPING, enabled: false }, crm: "Lunch_Break", phone: { kind: "Away" }, in_sync: false }));
    expect(screen.getByTestId("presence-off").textContent).toBe("Presence sync is off. Your admin turns it on in Salesforce.");
    expect(shown("presence-crm")).toBe("Lunch Break");
    expect(shown("presence-phone")).toBe("Away");
    expect(select("presence-crm").disabled).toBe(true);
    expect(select("presence-phone").disabled).toBe(true);
    expect((screen.getByTestId("presence-sync-now") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.change(select("presence-crm"), { target: { value: "Online" } });
    await fireEvent.change(select("presence-phone"), { target: { value: "Busy" } });
    expect(send).not.toHaveBeenCalled();
    expect(shown("presence-crm")).toBe("Lunch Break");
  });

  it("a refused change shows the status that holds again", async () => {
    const { send } = setup(presenceView(), false);
    await fireEvent.change(select("presence-crm"), { target: { value: "Lunch_Break" } });
    expect(send).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(select("presence-crm").value).toBe("Available_for_Calls");
  });

  it("a new snapshot's status is shown", async () => {
    const { rerender } = setup();
    await rerender({ presence: presenceView({ crm: "Away_from_Desk", phone: { kind: "Away" }, pending: 1, in_sync: false }) });
    expect(shown("presence-crm")).toBe("Away from Desk");
    expect(shown("presence-phone")).toBe("Away");
    expect(screen.getByTestId("presence-sync").dataset.state).toBe("syncing");
  });

  it("stepping through with the arrow keys sets only the status the agent stops at (on Enter)", async () => {
    const { send } = setup();
    const crm = select("presence-crm");
    await fireEvent.keyDown(crm, { key: "ArrowDown" });
    await fireEvent.change(crm, { target: { value: "Online" } });
    await fireEvent.keyDown(crm, { key: "ArrowDown" });
    await fireEvent.change(crm, { target: { value: "Away_from_Desk" } });
    expect(send).not.toHaveBeenCalled();
    await fireEvent.keyDown(crm, { key: "Enter" });
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({ cmd: "set_presence", crm: "Away_from_Desk", phone: null });
  });

  it("… or on leaving the list, or after a pause", async () => {
    vi.useFakeTimers();
    const { send } = setup();
    const phone = select("presence-phone");
    await fireEvent.keyDown(phone, { key: "ArrowDown" });
    await fireEvent.change(phone, { target: { value: "Away" } });
    await fireEvent.blur(phone);
    expect(send).toHaveBeenCalledWith({ cmd: "set_presence", crm: null, phone: { kind: "Away" } });
    await fireEvent.keyDown(phone, { key: "ArrowDown" });
    await fireEvent.change(phone, { target: { value: "Busy" } });
    expect(send).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1500);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send).toHaveBeenLastCalledWith({ cmd: "set_presence", crm: null, phone: { kind: "Busy" } });
  });
});
