import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import DispositionCodes from "./DispositionCodes.svelte";
import type { DispositionCode, Request, Response } from "../lib/bindings";
import { LOCAL_ADMIN } from "../lib/admin";

describe("DispositionCodes", () => {
  it("WRAP-3: the admin adds, renames and retires codes; retired ones stay listed", async () => {
    let codes: DispositionCode[] = [{ id: 1, label: "Resolved", retired: false }];
    const ask = vi.fn(async (r: Request): Promise<Response | null> => {
      if (r.cmd === "add_disposition") codes = [...codes, { id: 2, label: r.label, retired: false }];
      if (r.cmd === "rename_disposition") codes = codes.map((c) => (c.id === r.id ? { ...c, label: r.label } : c));
      if (r.cmd === "retire_disposition") codes = codes.map((c) => (c.id === r.id ? { ...c, retired: r.retired } : c));
      return { kind: "Dispositions", codes };
    });
    render(DispositionCodes, { ask });
    await waitFor(() => expect(screen.getAllByTestId("code-row").length).toBe(1));
    await fireEvent.input(screen.getByTestId("code-new"), { target: { value: "Sale closed" } });
    await fireEvent.click(screen.getByTestId("code-add"));
    expect(ask).toHaveBeenCalledWith({ cmd: "add_disposition", label: "Sale closed" });
    await waitFor(() => expect(screen.getAllByTestId("code-row").length).toBe(2));
    await fireEvent.click(screen.getAllByText("Rename")[1]);
    await fireEvent.input(screen.getByLabelText("New name for Sale closed"), { target: { value: "Sale" } });
    await fireEvent.click(screen.getByText("Save"));
    expect(ask).toHaveBeenCalledWith({ cmd: "rename_disposition", id: 2, label: "Sale" });
    await fireEvent.click(screen.getAllByTestId("code-retire")[0]);
    expect(ask).toHaveBeenCalledWith({ cmd: "retire_disposition", id: 1, retired: true });
    await waitFor(() => expect(screen.getByText("Resolved (retired)")).toBeTruthy());
    expect(screen.getAllByTestId("code-retire")[0].textContent?.trim()).toBe("Restore");
  });

  it("CONF-2: an agent sees the org's codes, read-only", async () => {
    const codes: DispositionCode[] = [{ id: 7, label: "Resolved", retired: false }];
    const ask = vi.fn(async (_r: Request): Promise<Response | null> => ({ kind: "Dispositions", codes }));
    render(DispositionCodes, { ask, admin: { ...LOCAL_ADMIN, source: "Org", read_at: 5 } });
    await waitFor(() => expect(screen.getAllByTestId("code-row").length).toBe(1));
    expect(screen.getByTestId("codes-source").textContent).toMatch(/Set by your admin/);
    expect(screen.queryByTestId("code-add")).toBeNull();
    expect(screen.queryByTestId("code-retire")).toBeNull();
    expect(screen.queryByText("Rename")).toBeNull();
  });
});
