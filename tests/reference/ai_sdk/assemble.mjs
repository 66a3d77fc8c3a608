// Assembles UI message streams as production does with ai@5.0.35, for the differential tests.
//
// stdin: a JSON array of SSE response bodies, each base64-encoded. stdout: a JSON array with,
// per body, {message, failures}. The body is read as a browser reads it (DefaultChatTransport
// parses and validates every event), and the message is the one a server's
// `createUIMessageStream({onFinish})` hands over to be stored: the assembled state at the end,
// null when the stream failed before its end. `failures` are the errors the AI SDK raised (an
// event that fails its schema, a delta for a part that is not open); an `error` chunk is the
// run's own report, not a failure.
import { createUIMessageStream, DefaultChatTransport } from "ai";

async function assemble(body) {
  const bytes = Buffer.from(body, "base64");
  const source = new ReadableStream({
    start(controller) {
      controller.enqueue(new Uint8Array(bytes));
      controller.close();
    },
  });
  const reported = new Set();
  const chunks = new DefaultChatTransport().processResponseStream(source).pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        if (chunk.type === "error") reported.add(chunk.errorText);
        controller.enqueue(chunk);
      },
    }),
  );
  const failures = [];
  let message = null;
  const stream = createUIMessageStream({
    execute: ({ writer }) => writer.merge(chunks),
    generateId: () => "",
    onError: (error) => {
      const text = error instanceof Error ? error.message : String(error);
      if (!reported.has(text)) failures.push(`${error?.name ?? "Error"}: ${text}`);
      return text;
    },
    onFinish: ({ responseMessage }) => {
      message = responseMessage;
    },
  });
  try {
    for await (const _ of stream);
  } catch (error) {
    failures.push(`${error?.name ?? "Error"}: ${error?.message ?? error}`);
  }
  return { message, failures };
}

let input = "";
for await (const piece of process.stdin) input += piece;
const results = [];
for (const body of JSON.parse(input)) results.push(await assemble(body));
process.stdout.write(JSON.stringify(results));
