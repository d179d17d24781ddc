import { describe, expect, it } from "vitest";
import { toIpcError } from "./ipc";

describe("toIpcError", () => {
  it("passes coded errors through", () => {
    const e = { code: "CheckboxNotOffered", message: "not offered" };
    expect(toIpcError(e)).toBe(e);
  });
  it("wraps anything else with a code", () => {
    expect(toIpcError("boom")).toEqual({ code: "EngineStopped", message: "boom" });
  });
});
