// A message id no catalogue has is a defect wherever a test renders it:
// `t` reports it on the console, and here that fails the test.
import { afterEach } from "vitest";

/** Lookups that failed since the last test; a test that expects one takes it out. */
export const missing: string[] = [];
const report = console.error.bind(console);
console.error = (...args: unknown[]) => {
  const text = String(args[0] ?? "");
  if (/^(no message|message) \S+/.test(text)) missing.push(text);
  report(...args);
};

afterEach(() => {
  const found = missing.splice(0);
  if (found.length) throw new Error(`catalogue lookups failed: ${found.join("; ")}`);
});
