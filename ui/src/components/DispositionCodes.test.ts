import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import DispositionCodes from "./DispositionCodes.svelte";
import type { DispositionCode, Request, Response } from "../lib/bindings";
import { LOCAL_ADMIN } from "../lib/admin";
import { useLanguage } from "../lib/i18n.svelte";

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

describe("DispositionCodes in German and Spanish", () => {
  afterEach(() => useLanguage(null, "en-US"));

  it("lists a retired code in German, with the button that brings it back", async () => {
    useLanguage("de", "de-DE");
    const codes: DispositionCode[] = [{ id: 1, label: "Resolved", retired: true }];
    render(DispositionCodes, { ask: vi.fn(async (): Promise<Response | null> => ({ kind: "Dispositions", codes })) });
    await waitFor(() => expect(screen.getByText("Resolved (deaktiviert)")).toBeTruthy());
    expect(screen.getByRole("heading").textContent).toBe("Ergebniscodes");
    expect(screen.getByTestId("code-retire").textContent?.trim()).toBe("Reaktivieren");
    expect(screen.getByLabelText("Neuer Ergebniscode").getAttribute("placeholder")).toBe("Neuer Code, z. B. Verkauf abgeschlossen");
  });

  it("renames a code in Spanish", async () => {
    useLanguage("es", "es-ES");
    const codes: DispositionCode[] = [{ id: 1, label: "Resolved", retired: false }];
    render(DispositionCodes, {
      ask: vi.fn(async (): Promise<Response | null> => ({ kind: "Dispositions", codes })),
      admin: { ...LOCAL_ADMIN, source: "Org", is_admin: true, read_at: 5 },
    });
    await waitFor(() => expect(screen.getAllByTestId("code-row").length).toBe(1));
    expect(screen.getByTestId("codes-source").textContent).toBe("Los códigos de su organización, para todos los agentes.");
    await fireEvent.click(screen.getByText("Cambiar nombre"));
    expect(screen.getByLabelText("Nuevo nombre para Resolved")).toBeTruthy();
    expect(screen.getByText("Guardar")).toBeTruthy();
    expect(screen.getByText("Cancelar")).toBeTruthy();
  });
});
