import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import Settings from "./Settings.svelte";
import type { Request, Settings as S } from "../lib/bindings";

const base: S = {
  show_do_not_save: true,
  default_do_not_log: false,
  acd_config1_missed_queue_calls: false,
  acd_config2_inbound_while_logged_out: false,
  presence_logout_check: true,
};

describe("Settings", () => {
  it("saves exactly the changed settings", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(Settings, { settings: base, send });
    const save = screen.getByTestId("settings-save") as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId("setting-default_do_not_log"));
    expect(save.disabled).toBe(false);
    await fireEvent.click(save);
    expect(send).toHaveBeenCalledWith({ cmd: "update_settings", settings: { ...base, default_do_not_log: true } });
  });

  it("every admin option is on the form with a label", () => {
    render(Settings, { settings: base, send: vi.fn() });
    for (const label of [
      "Show option: Do not save",
      "Default: do not log calls",
      "ACD config 1: save missed queue calls",
      "ACD config 2: save inbound calls while logged out",
      "Presence-state user logout check",
    ]) {
      expect(screen.getByLabelText(new RegExp(label))).toBeTruthy();
    }
  });
});
