// Chats with a web app as a browser's `useChat` does, through the AI SDK's own
// DefaultChatTransport: sends messages, reconnects to a live stream, assembles what comes.
//
// stdin: {api, steps: [{send: {chatId, text, abortAfter?}} | {reconnect: {chatId}}]}.
// stdout: per step {message, chunks} (message null when reconnect found nothing: a 204), or
// {error} when the transport threw. `abortAfter` aborts the request after that many chunks,
// as a page reload does, and reports what had arrived.
import { DefaultChatTransport, readUIMessageStream } from "ai";

async function collect(stream, abortAfter, controller) {
  let message = null;
  let chunks = 0;
  const counted = stream.pipeThrough(
    new TransformStream({
      transform(chunk, out) {
        chunks += 1;
        out.enqueue(chunk);
        if (abortAfter !== undefined && chunks >= abortAfter) controller.abort();
      },
    }),
  );
  try {
    for await (const snapshot of readUIMessageStream({ stream: counted })) message = snapshot;
  } catch (error) {
    if (error?.name !== "AbortError") throw error;
  }
  return { message, chunks };
}

let input = "";
for await (const piece of process.stdin) input += piece;
const { api, steps } = JSON.parse(input);
const transport = new DefaultChatTransport({ api });
const results = [];
for (const step of steps) {
  try {
    if (step.send) {
      const { chatId, text, abortAfter } = step.send;
      const controller = new AbortController();
      const stream = await transport.sendMessages({
        chatId,
        trigger: "submit-message",
        messageId: undefined,
        messages: [{ id: `u-${results.length}`, role: "user", parts: [{ type: "text", text }] }],
        abortSignal: controller.signal,
      });
      results.push(await collect(stream, abortAfter, controller));
    } else {
      const stream = await transport.reconnectToStream({ chatId: step.reconnect.chatId });
      results.push(stream === null ? { message: null, chunks: 0 } : await collect(stream));
    }
  } catch (error) {
    results.push({ error: `${error?.name ?? "Error"}: ${error?.message ?? error}` });
  }
}
process.stdout.write(JSON.stringify(results));
