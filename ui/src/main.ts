import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { startLanguage } from "./lib/language.svelte";

const target = document.getElementById("app");
if (!target) throw new Error("missing #app");
// The words are in the agent's language from the first frame on.
void startLanguage().finally(() => mount(App, { target }));
