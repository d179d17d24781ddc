import { afterEach, describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import { flushSync } from "svelte";
import FieldError from "../components/FieldError.svelte";
import { clearFieldError, errorFor, showsErrorsFor, takeFieldError } from "./fieldErrors.svelte";
import { useLanguage } from "./i18n.svelte";

afterEach(() => {
  clearFieldError();
  useLanguage(null, "en-US");
});

describe("field errors", () => {
  it("an error naming a field on screen goes beside it, not to the banner", () => {
    render(FieldError, { names: ["default_region", "default_country"] });
    expect(takeFieldError({ code: "InvalidSetting", message: "`Germany` is not a two-letter country code", field: "default_country" })).toBe(true);
    flushSync();
    expect(screen.getByTestId("field-error-default_region").textContent).toMatch(/not a two-letter country code/);
    expect(screen.getByRole("alert").textContent).not.toMatch(/default_/);
    clearFieldError();
    flushSync();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("an error for a field not on screen, or naming none, stays for the banner", () => {
    const gone = showsErrorsFor(["label"]);
    gone();
    expect(takeFieldError({ code: "InvalidInput", message: "a disposition code needs a name", field: "label" })).toBe(false);
    expect(takeFieldError({ code: "CrmFailed", message: "the CRM is busy" })).toBe(false);
    expect(errorFor("label")).toBeNull();
  });
});

describe("field errors in German and Spanish", () => {
  it.each([
    ["de", "de-DE", "Bitte korrigieren Sie diese Eingabe."],
    ["es", "es-ES", "Corrija este dato."],
  ] as const)("%s: a headline in the language, the engine's words beside it", (language, tag, headline) => {
    useLanguage(language, tag);
    render(FieldError, { names: ["label"] });
    takeFieldError({ code: "InvalidInput", message: "a disposition code needs a name", field: "label" });
    flushSync();
    const shown = screen.getByTestId("field-error-label");
    expect(shown.textContent).toContain(headline);
    expect(shown.querySelector(".detail")?.textContent).toBe("a disposition code needs a name");
  });

  it("English shows the engine's sentence alone", () => {
    render(FieldError, { names: ["label"] });
    takeFieldError({ code: "InvalidInput", message: "a disposition code needs a name", field: "label" });
    flushSync();
    expect(screen.getByTestId("field-error-label").textContent).toBe("a disposition code needs a name");
  });
});
