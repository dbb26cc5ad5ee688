/**
 * @module pipeline/frames/ndjson
 * Newline-delimited JSON → parsed objects, for Ollama's native streaming (`/api/chat`
 * answers `application/x-ndjson`, one JSON object a line). Lines can be split across
 * network chunks at any byte; a partial line waits for its newline. A line that is not
 * JSON becomes `{ error }`, Ollama's own error shape, so decoders report it.
 */
export async function* ndjsonPayloads(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const payload = parseLine(line);
      if (payload !== undefined) yield payload;
    }
  }
  buffer += decoder.decode();
  const last = parseLine(buffer);
  if (last !== undefined) yield last;
}

function parseLine(line: string): unknown {
  const text = line.trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { error: `Upstream sent a line that is not JSON: ${text.slice(0, 200)}` };
  }
}
