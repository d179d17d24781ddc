import { afterEach, describe, expect, it, vi } from "vitest";
import { useLanguage } from "./i18n.svelte";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn(async () => ({ kind: "Ok" })) }));

import { snapshot, toIpcError } from "./ipc";

describe("toIpcError", () => {
  it("passes coded errors through", () => {
    const e = { code: "CheckboxNotOffered", message: "not offered" };
    expect(toIpcError(e)).toBe(e);
  });
  it("wraps anything else with a code", () => {
    expect(toIpcError("boom")).toEqual({ code: "EngineStopped", message: "boom" });
  });
});

describe("an unexpected reply", () => {
  afterEach(() => useLanguage(null, "en-US"));
  it("is said in the language on screen", async () => {
    await expect(snapshot()).rejects.toEqual({ code: "EngineStopped", message: "unexpected response" });
    useLanguage("de", "de-DE");
    await expect(snapshot()).rejects.toEqual({ code: "EngineStopped", message: "unerwartete Antwort" });
    useLanguage("es", "es-ES");
    await expect(snapshot()).rejects.toEqual({ code: "EngineStopped", message: "respuesta inesperada" });
  });
});
