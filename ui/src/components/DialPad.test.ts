import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import DialPad from "./DialPad.svelte";
import type { Request } from "../lib/bindings";

describe("DialPad", () => {
  it("builds a number from the keys and dials it", async () => {
    const send = vi.fn(async (_r: Request) => true);
    render(DialPad, { send });
    const call = screen.getByTestId("dial-call") as HTMLButtonElement;
    expect(call.disabled).toBe(true);
    for (const k of ["plus", "4", "9", "3", "0"]) await fireEvent.click(screen.getByTestId(`dial-key-${k}`));
    await fireEvent.click(screen.getByTestId("dial-backspace"));
    await fireEvent.click(screen.getByTestId("dial-key-1"));
    expect((screen.getByTestId("dial-number") as HTMLInputElement).value).toBe("+4931");
    await fireEvent.click(call);
    expect(send).toHaveBeenCalledWith({ cmd: "call_control", action: { kind: "Dial", number: "+4931" } });
    expect((screen.getByTestId("dial-number") as HTMLInputElement).value).toBe("");
  });

  it("typing: letters are dropped, Enter dials, a refused number stays to be fixed", async () => {
    const send = vi.fn(async (_r: Request) => false);
    render(DialPad, { send });
    const input = screen.getByTestId("dial-number") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "(310) 555-01x00" } });
    expect(input.value).toBe("(310) 555-0100");
    await fireEvent.submit(input.closest("form")!);
    expect(send).toHaveBeenCalledWith({ cmd: "call_control", action: { kind: "Dial", number: "(310) 555-0100" } });
    expect(input.value).toBe("(310) 555-0100");
  });
});
