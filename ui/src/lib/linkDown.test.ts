import { afterEach, describe, expect, it } from "vitest";
import type { LinkDown, NetCause } from "./bindings";
import { useLanguage } from "./i18n.svelte";
import { linkDownLine, linkDownText } from "./linkDown";

afterEach(() => useLanguage(null, "en-US"));

const causes: NetCause[] = [
  { code: "NothingListening" },
  { code: "NoAnswer" },
  { code: "Cut" },
  { code: "AddressNotOurs" },
  { code: "NotAllowed" },
  { code: "NoRoute" },
  { code: "NoSuchAddress" },
  { code: "NotAnEventSocket", status: 404 },
  { code: "CertificateRefused" },
  { code: "NotAWebSocketUrl" },
  { code: "Closed" },
  { code: "Failed" },
];
const every: LinkDown[] = [
  ...causes.map((cause): LinkDown => ({ code: "Unreachable", peer: "Platform", address: "wss://acd.example.com/agent", cause })),
  { code: "Unreachable", peer: "Baresip", address: "127.0.0.1:4444", cause: { code: "NothingListening" } },
  { code: "Lost", peer: "Baresip", cause: { code: "Closed" }, detail: null },
  { code: "Lost", peer: "Platform", cause: { code: "Closed" }, detail: "shutting down" },
  { code: "Silent", peer: "Platform", seconds: 60 },
  { code: "Silent", peer: "Baresip", seconds: 5 },
  { code: "Refused", reason: "unknown_agent", message: "no agent agent-42" },
  { code: "OutOfTurn", detail: "bad `call` message" },
  { code: "TakenOver" },
  { code: "BadAddress", detail: "invalid URI" },
];

describe("why the phone is not connected", () => {
  it.each(["en", "de", "es"] as const)("every reason reads as a sentence in %s, each its own", (lang) => {
    // The setup fails the test on any id missing from the catalogue.
    useLanguage(lang, lang);
    const lines = every.map(linkDownLine);
    for (const l of lines) expect(l).toMatch(/^\p{Lu}.*[.:?]( .+)?$/u);
    expect(new Set(lines).size).toBe(lines.length);
  });

  it("names the address and the cause, and keeps the platform's words apart", () => {
    const text = linkDownText({ code: "Unreachable", peer: "Baresip", address: "127.0.0.1:4444", cause: { code: "NothingListening" } });
    expect(text.text).toBe(
      "Cannot reach baresip's control socket at 127.0.0.1:4444: nothing is listening at that address. Is baresip running, with the ctrl_tcp module loaded and listening there?",
    );
    expect(text.detail).toBeNull();
    const refused = linkDownText({ code: "Refused", reason: "unknown_agent", message: "no agent agent-42" });
    expect(refused).toEqual({ text: "The contact-centre platform refused Ringside (unknown_agent):", detail: "no agent agent-42" });
  });

  it("speaks German and Spanish", () => {
    const down: LinkDown = { code: "Unreachable", peer: "Platform", address: "wss://acd.example.com/agent", cause: { code: "NotAnEventSocket", status: 404 } };
    useLanguage("de", "de-DE");
    expect(linkDownLine(down)).toBe(
      "Die Contact-Center-Plattform unter wss://acd.example.com/agent ist nicht erreichbar: sie antwortete mit HTTP 404, statt den Ereignis-Socket zu öffnen (Adresse prüfen).",
    );
    useLanguage("es", "es-ES");
    expect(linkDownLine({ code: "TakenOver" })).toBe(
      "Otro programa se conecta una y otra vez al socket de control de baresip, y baresip solo atiende a uno: ciérrelo.",
    );
  });

  it("the status bar's tooltip is empty while connected", () => {
    expect(linkDownLine(null)).toBe("");
  });
});
