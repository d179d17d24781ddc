// A presence view for tests: the demo org's Omni-Channel statuses (one mixes
// voice and chat), the admin's mapping, and a short history.
import type { CrmPresenceStatus, PresenceMapping, PresenceView } from "./bindings";

export const NOW = 1_700_000_000_000;

export const STATUSES: CrmPresenceStatus[] = [
  { api_name: "Available_for_Calls", label: "Available for Calls", channels: ["sfdc_phone"] },
  { api_name: "Online", label: "Online", channels: ["sfdc_phone", "Case"] },
  { api_name: "Away_from_Desk", label: "Away from Desk", channels: [] },
  { api_name: "Lunch_Break", label: "Lunch Break", channels: [] },
  { api_name: "Chat_Only", label: "Chat Only", channels: ["sfdc_liveagent"] },
  { api_name: "On_a_Call", label: "On a Call (CRM)", channels: [] },
  { api_name: "Everything", label: "Everything", channels: ["sfdc_phone", "sfdc_liveagent"] },
];

export const MAPPING: PresenceMapping = {
  enabled: true,
  to_phone: [
    { crm: "Available_for_Calls", phone: { kind: "Available" } },
    { crm: "Online", phone: { kind: "Available" } },
    { crm: "Away_from_Desk", phone: { kind: "Away" } },
    { crm: "Lunch_Break", phone: { kind: "Away" } },
    { crm: "Chat_Only", phone: { kind: "Busy" } },
  ],
  to_phone_default: { kind: "Busy" },
  crm_offline: { kind: "Offline" },
  to_crm: [
    { phone: { kind: "Available" }, crm: "Available_for_Calls" },
    { phone: { kind: "Away" }, crm: "Away_from_Desk" },
    { phone: { kind: "Busy" }, crm: "Away_from_Desk" },
  ],
  to_crm_default: null,
  on_call: "On_a_Call",
  return_to_previous: true,
  next_status: null,
  ring_while_away: false,
};

export function presenceView(over: Partial<PresenceView> = {}): PresenceView {
  return {
    available: true,
    mapping: MAPPING,
    statuses: STATUSES,
    warnings: [
      { kind: "MixedUrgentChannels", crm: "Everything", channels: ["sfdc_phone", "sfdc_liveagent"] },
      { kind: "Unmapped", crm: "Everything", becomes: { kind: "Busy" } },
    ],
    crm_known: true,
    crm: "Available_for_Calls",
    phone: { kind: "Available" },
    phone_statuses: [],
    in_sync: true,
    pending: 0,
    history: [
      { at: NOW - 60_000, to: { side: "Phone", status: { kind: "Available" } }, cause: "Followed", note: null },
      { at: NOW - 62_000, to: { side: "Crm", status: "Available_for_Calls" }, cause: "Agent", note: null },
      { at: NOW - 120_000, to: { side: "Crm", status: "Lunch_Break" }, cause: "Agent", note: "KeptForAfterCall" },
    ],
    ...over,
  };
}
