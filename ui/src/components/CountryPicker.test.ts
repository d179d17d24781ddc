import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync } from "svelte";
import { useLanguage } from "../lib/i18n.svelte";
import { fireEvent, render, screen } from "@testing-library/svelte";
import CountryPicker from "./CountryPicker.svelte";
import { countryOptions } from "../lib/countries";
import { PHONE_REGIONS } from "../lib/bindings";

describe("countryOptions (the picker's matches)", () => {
  it.each([
    ["Germany", "en", "DE"],
    ["germ", "en", "DE"],
    ["Deutschland", "de", "DE"],
    ["Alemania", "es", "DE"],
    ["Georgia", "en", "GE"],
    ["gb", "en", "GB"],
    ["united k", "en", "GB"],
    ["Vereinigtes", "de", "GB"],
    ["osterreich", "de", "AT"],
    ["España", "es", "ES"],
    ["espana", "es", "ES"],
  ])("%s (%s) → %s first", (typed, tag, code) => {
    expect(countryOptions(typed, tag)[0]?.code).toBe(code);
  });

  it("lists every country of the numbering plan by name when nothing is typed", () => {
    const all = countryOptions("", "en");
    expect(all.length).toBe(PHONE_REGIONS.length);
    expect(all.length).toBeGreaterThan(200);
    expect(all.findIndex((c) => c.code === "AF")).toBeLessThan(all.findIndex((c) => c.code === "ZW"));
  });

  it("finds nothing for nonsense", () => expect(countryOptions("qqqq", "en")).toEqual([]));
});

describe("CountryPicker", () => {
  it("shows the country by name, picks with the keyboard, and Esc keeps the old one", async () => {
    const onpick = vi.fn();
    render(CountryPicker, { value: "US", onpick, label: "Country", testid: "c" });
    const input = screen.getByTestId("c") as HTMLInputElement;
    expect(input.value).toContain("United States");
    await fireEvent.focus(input);
    await fireEvent.input(input, { target: { value: "ger" } });
    const options = screen.getAllByRole("option");
    expect(options[0].dataset.code).toBe("DE");
    await fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(screen.getAllByRole("option")[1].getAttribute("aria-selected")).toBe("true");
    await fireEvent.keyDown(input, { key: "ArrowUp" });
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(onpick).toHaveBeenCalledWith("DE");
    await fireEvent.focus(input);
    await fireEvent.input(input, { target: { value: "fra" } });
    await fireEvent.keyDown(input, { key: "Escape" });
    expect(onpick).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("listbox")).toBeNull();
  });

  it("says when no country matches", async () => {
    render(CountryPicker, { value: "US", onpick: vi.fn(), label: "Country", testid: "c" });
    const input = screen.getByTestId("c");
    await fireEvent.focus(input);
    await fireEvent.input(input, { target: { value: "qqqq" } });
    expect(screen.getByRole("listbox").textContent).toMatch(/No country matches/);
  });
});

describe("CountryPicker in German and Spanish", () => {
  afterEach(() => useLanguage(null, "en-US"));

  it("German: names, placeholder and no-match in German", async () => {
    useLanguage("de", "de-DE");
    render(CountryPicker, { value: "", onpick: vi.fn(), label: "Land", testid: "c" });
    const input = screen.getByTestId("c") as HTMLInputElement;
    await fireEvent.focus(input);
    expect(input.placeholder).toBe("Land eingeben");
    await fireEvent.input(input, { target: { value: "qqqq" } });
    expect(screen.getByRole("listbox").textContent).toContain("Kein Land passt zu „qqqq“.");
    await fireEvent.input(input, { target: { value: "vereinigte" } });
    expect(screen.getAllByRole("option")[0].textContent).toContain("Vereinigte");
  });

  it("Spanish, and the name follows a switch of language", () => {
    useLanguage("es", "es-ES");
    render(CountryPicker, { value: "DE", onpick: vi.fn(), label: "País", testid: "c" });
    const input = screen.getByTestId("c") as HTMLInputElement;
    expect(input.value).toContain("Alemania");
    useLanguage("de", "de-DE");
    flushSync();
    expect(input.value).toContain("Deutschland");
  });
});
