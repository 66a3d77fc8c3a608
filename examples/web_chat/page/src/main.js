// The chat page: the AI SDK's own chat client (`AbstractChat` with `DefaultChatTransport`, what
// `useChat` runs on), with a plain DOM view. The session patterns: start or continue a session,
// hydrate it on load and resume a live run, stop a run, open a new thread in the same sandbox.
import { AbstractChat, DefaultChatTransport } from "ai";

const SESSION_KEY = "web-chat.session";

// The chat's state, as the AI SDK's framework bindings keep it: every change re-renders.
class PageState {
  constructor(messages, onChange) {
    this._messages = messages;
    this._status = "ready";
    this._error = undefined;
    this.onChange = onChange;
  }
  get status() { return this._status; }
  set status(value) { this._status = value; this.onChange(); }
  get error() { return this._error; }
  set error(value) { this._error = value; this.onChange(); }
  get messages() { return this._messages; }
  set messages(value) { this._messages = value; this.onChange(); }
  pushMessage(message) { this.messages = this._messages.concat(message); }
  popMessage() { this.messages = this._messages.slice(0, -1); }
  replaceMessage(index, message) {
    this.messages = [...this._messages.slice(0, index), this.snapshot(message), ...this._messages.slice(index + 1)];
  }
  snapshot(value) { return structuredClone(value); }
}

class PageChat extends AbstractChat {
  constructor({ messages, onChange, ...init }) {
    super({ ...init, state: new PageState(messages, onChange) });
  }
}

async function json(method, url) {
  const response = await fetch(url, { method, headers: { "content-type": "application/json" } });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function session() {
  const known = localStorage.getItem(SESSION_KEY);
  if (known) {
    const response = await fetch(`/api/sessions/${known}`);
    if (response.ok) return response.json();
  }
  const created = await json("POST", "/api/sessions");
  localStorage.setItem(SESSION_KEY, created.chatId);
  return { ...created, initialMessages: [], resumeStreamOnMount: false };
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function toolView(part) {
  const name = part.type === "dynamic-tool" ? part.toolName : part.type.slice("tool-".length);
  const input = part.input && typeof part.input === "object" && "command" in part.input ? part.input.command : JSON.stringify(part.input ?? "");
  let output = null;
  if (part.state === "output-available") {
    const out = part.output;
    output = el("div", { class: "output" }, out && typeof out === "object" && "stdout" in out ? `${out.stdout}${out.stderr ?? ""}`.trim() : JSON.stringify(out));
  } else if (part.state === "output-error") {
    output = el("div", { class: "output failed" }, part.errorText);
  }
  return el("div", { class: "tool", "data-tool": name, "data-state": part.state }, `▶ ${name}: ${input}`, output);
}

function render(chat) {
  const list = document.getElementById("messages");
  list.replaceChildren(
    ...chat.messages.map((message) =>
      el(
        "div",
        { class: "message", "data-role": message.role, "data-id": message.id },
        ...message.parts.map((part) => {
          if (part.type === "text") return el("span", { class: "text" }, part.text);
          if (part.type === "dynamic-tool" || part.type.startsWith("tool-")) return toolView(part);
          return null;
        }),
      ),
    ),
  );
  document.getElementById("status").textContent = chat.status;
  document.getElementById("stop").disabled = !(chat.status === "submitted" || chat.status === "streaming");
}

async function main() {
  const current = await session();
  document.getElementById("ids").textContent = `sandbox ${current.sandboxId} · thread ${current.threadId}`;
  let chat;
  chat = new PageChat({
    id: current.chatId,
    messages: current.initialMessages,
    transport: new DefaultChatTransport({ api: "/api/chat" }),
    onChange: () => chat && render(chat),
  });
  window.chat = chat; // for the browser tests
  render(chat);
  if (current.resumeStreamOnMount) chat.resumeStream();

  document.getElementById("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const prompt = document.getElementById("prompt");
    const text = prompt.value.trim();
    if (!text) return;
    prompt.value = "";
    chat.sendMessage({ text });
  });
  document.getElementById("stop").addEventListener("click", async () => {
    // Stopping ends the run on the relay too; a reload alone leaves it running, to resume.
    await fetch(`/api/chat/${chat.id}/stream`, { method: "DELETE" });
    await chat.stop();
  });
  document.getElementById("new-thread").addEventListener("click", async () => {
    const next = await json("POST", `/api/sessions/${chat.id}/threads`);
    localStorage.setItem(SESSION_KEY, next.chatId);
    location.reload();
  });
  document.getElementById("token").addEventListener("click", async () => {
    const shown = document.getElementById("token-status");
    try {
      const { token, expiresAt } = await json("POST", "/api/token");
      shown.textContent = token.startsWith("an_t_") ? `token until ${expiresAt}` : "no token";
    } catch (error) {
      shown.textContent = `token failed: ${error.message}`;
    }
  });
}

main().catch((error) => {
  document.getElementById("status").textContent = `failed: ${error.message}`;
});
