import { afterEach, describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import { flushSync } from "svelte";
import CrmStatus from "./CrmStatus.svelte";
import { useLanguage } from "../lib/i18n.svelte";
import type { CrmStatus as Crm, DeliveryStatus } from "../lib/bindings";

afterEach(() => useLanguage(null, "en-US"));

const crm: Crm = { state: "NotConnected", why: null };
const delivery: DeliveryStatus = { pending: 1, failed: 0, written: 0, last_error: null, counting: false };

describe("CrmStatus", () => {
  it("says where calls go in English, German and Spanish", () => {
    render(CrmStatus, { crm, delivery });
    expect(screen.getByTestId("crm-status").textContent).toContain("No CRM connected; calls wait in the outbox");
    expect(screen.getByTestId("crm-delivery").textContent).toBe("1 waiting");
    useLanguage("de", "de-DE");
    flushSync();
    expect(screen.getByTestId("crm-status").textContent).toContain("Kein CRM verbunden; Anrufe warten im Postausgang");
    expect(screen.getByTestId("crm-delivery").textContent).toBe("1 ausstehend");
    useLanguage("es", "es-ES");
    flushSync();
    expect(screen.getByTestId("crm-delivery").textContent).toBe("1 en espera");
  });
});
