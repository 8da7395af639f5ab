// Server-Sent Events over fetch: EventSource cannot send the Authorization header, so the stream is read and
// parsed here, and resumed with Last-Event-ID after a drop.

/** Feeds text chunks; calls onEvent({id, event, data}) for each complete event. Returns the parser. */
export function createParser(onEvent) {
  let buffer = '';
  let id = null;
  let event = 'message';
  let data = [];
  let lastId = null;
  function line(text) {
    if (text === '') {
      if (data.length) {
        if (id !== null) lastId = id;
        onEvent({ id: lastId, event, data: data.join('\n') });
      }
      event = 'message';
      data = [];
      id = null;
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id') id = value;
  }
  return {
    push(chunk) {
      buffer += chunk;
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop();
      for (const l of lines) line(l);
    },
    get lastEventId() {
      return lastId;
    },
  };
}

/**
 * Keeps a stream open until stop() is called: reconnects after a drop (a short pause), resuming after the last
 * event seen. getToken is asked before every connection (the token may have been refreshed).
 */
export function openStream(url, getToken, onEvent, { retryMs = 3000 } = {}) {
  let stopped = false;
  let controller = null;
  let lastEventId = null;
  async function connect() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const headers = { Authorization: `Bearer ${await getToken()}`, Accept: 'text/event-stream' };
        if (lastEventId) headers['Last-Event-ID'] = lastEventId;
        const response = await fetch(url, { headers, signal: controller.signal, cache: 'no-store' });
        if (response.ok && response.body) {
          const parser = createParser((e) => {
            lastEventId = e.id ?? lastEventId;
            onEvent(e);
          });
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            parser.push(value);
          }
        }
      } catch {
        // dropped or refused: try again after the pause
      }
      if (!stopped) await new Promise((r) => setTimeout(r, retryMs));
    }
  }
  connect();
  return {
    stop() {
      stopped = true;
      controller?.abort();
    },
  };
}
