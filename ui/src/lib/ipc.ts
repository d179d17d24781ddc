// The typed door to the Rust side. Every request and response type comes
// from bindings.ts, generated from the Rust IPC types.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { ErrorCode, HistoryEntry, IpcError, Request, Response, Snapshot, WindowEvents } from "./bindings";
import { ASK_HOLD_EVENT, HISTORY_EVENT, SNAPSHOT_EVENT } from "./bindings";
import { t } from "./i18n.svelte";

export { HISTORY_EVENT, SNAPSHOT_EVENT };

function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Errors always arrive as {code, message}; anything else is wrapped. */
export function toIpcError(e: unknown): IpcError {
  if (isIpcError(e)) return e;
  return { code: "EngineStopped" satisfies ErrorCode, message: String(e) };
}

export async function call(request: Request): Promise<Response> {
  try {
    return await invoke<Response>("ipc", { request });
  } catch (e) {
    throw toIpcError(e);
  }
}

export async function snapshot(): Promise<Snapshot> {
  const r = await call({ cmd: "snapshot" });
  if (r.kind !== "Snapshot") throw toIpcError(t("error-unexpected-response"));
  return r.snapshot;
}

export async function history(limit = 100): Promise<HistoryEntry[]> {
  const r = await call({ cmd: "history", limit });
  if (r.kind !== "History") throw toIpcError(t("error-unexpected-response"));
  return r.entries;
}

export function onSnapshot(cb: (s: Snapshot) => void): Promise<UnlistenFn> {
  return listen<WindowEvents[typeof SNAPSHOT_EVENT]>(SNAPSHOT_EVENT, (e) => cb(e.payload));
}

/** A system-wide Answer needs the agent's "hold and answer" first. */
export function onAskHold(cb: () => void): Promise<UnlistenFn> {
  return listen(ASK_HOLD_EVENT, () => cb());
}

export function onHistoryChanged(cb: () => void): Promise<UnlistenFn> {
  return listen(HISTORY_EVENT, () => cb());
}

/** Tells the shell the first frame is painted (launch benchmark). */
export function reportPainted(): void {
  invoke("painted").catch(() => {});
}
