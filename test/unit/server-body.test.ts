// Reading a request body: the content type, the size cap (declared and streamed), UTF-8 and JSON, and
// the shape. Every refusal is an HttpError with the status the handler answers.
import { describe, expect, it } from 'vitest';
import { readJsonObject } from '../../src/server/body.js';
import { HttpError } from '../../src/server/response.js';

const encode = (text: string) => new TextEncoder().encode(text);

function jsonRequest(body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }): Request {
  return new Request('http://tokens.test/fetch_rtc_token', { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
}

/** A streamed body in the given chunks; counts pulls and notes a cancel. */
function streamed(chunks: Uint8Array[]) {
  const state = { pulls: 0, cancelled: false };
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls += 1;
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, state };
}

async function refusal(request: Request, maxBytes = 1024): Promise<[number, string]> {
  try {
    await readJsonObject(request, maxBytes);
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return [(error as HttpError).status, (error as HttpError).message];
  }
  return expect.unreachable('the body was accepted');
}

describe('content type', () => {
  it.each(['application/json', 'Application/JSON', ' application/json ; charset=utf-8', 'application/json;charset=UTF-8'])('takes %j', async (type) => {
    await expect(readJsonObject(jsonRequest('{"a":1}', { 'content-type': type }), 1024)).resolves.toEqual({ a: 1 });
  });

  it('refuses another type, quoting it', async () => {
    expect(await refusal(jsonRequest('{}', { 'content-type': 'text/plain' }))).toEqual([415, '"content-type" must be application/json, got "text/plain"']);
    expect(await refusal(jsonRequest('{}', { 'content-type': 'application/jsonx' }))).toEqual([
      415,
      '"content-type" must be application/json, got "application/jsonx"',
    ]);
  });

  it('cuts a long content type to 60 characters', async () => {
    const type = `text/${'x'.repeat(100)}`;
    expect(await refusal(jsonRequest('{}', { 'content-type': type }))).toEqual([415, `"content-type" must be application/json, got ${JSON.stringify(type.slice(0, 60))}`]);
  });

  it('says "none" when there is no content type', async () => {
    expect(await refusal(jsonRequest(null, {}))).toEqual([415, '"content-type" must be application/json, got none']);
  });
});

describe('size cap', () => {
  it('takes a body of exactly the limit', async () => {
    const text = `{"a":"${'x'.repeat(24)}"}`;
    expect(text.length).toBe(32);
    await expect(readJsonObject(jsonRequest(text), 32)).resolves.toEqual({ a: 'x'.repeat(24) });
  });

  it('refuses one byte more, streamed, and cancels the upload', async () => {
    const { stream, state } = streamed([encode('{"a":"'), encode('x'.repeat(20)), encode('xxxxx"}')]);
    expect(await refusal(jsonRequest(stream), 32)).toEqual([413, 'request body is larger than 32 bytes']);
    expect(state.cancelled).toBe(true);
  });

  it('refuses a declared length over the limit before reading anything', async () => {
    const { stream, state } = streamed([encode('{}')]);
    const request = jsonRequest(stream, { 'content-type': 'application/json', 'content-length': '33' });
    expect(await refusal(request, 32)).toEqual([413, 'request body is larger than 32 bytes']);
    expect(state.pulls).toBe(0);
  });

  it('reads a body whose declared length is exactly the limit', async () => {
    const request = jsonRequest('{"a":22}', { 'content-type': 'application/json', 'content-length': '8' });
    await expect(readJsonObject(request, 8)).resolves.toEqual({ a: 22 });
  });

  it('joins the chunks of a streamed body in order', async () => {
    const { stream } = streamed([encode('{"uid":'), encode('12'), encode('3,"c":"ab'), encode('c"}')]);
    await expect(readJsonObject(jsonRequest(stream), 1024)).resolves.toEqual({ uid: 123, c: 'abc' });
  });

  it('answers 400 when the body breaks off', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encode('{"uid": 1'));
        controller.error(new Error('connection reset'));
      },
    });
    expect(await refusal(jsonRequest(broken))).toEqual([400, 'request body could not be read to its end']);
  });
});

describe('content', () => {
  it('answers 400 for no body at all', async () => {
    const [status, message] = await refusal(jsonRequest(null));
    expect(status).toBe(400);
    expect(message).toMatch(/^request body is not valid JSON: /);
  });

  it('refuses bytes that are not UTF-8', async () => {
    expect(await refusal(jsonRequest(new Uint8Array([0x7b, 0xff, 0x7d])))).toEqual([400, 'request body is not valid UTF-8']);
  });

  it("passes on the JSON parser's reason", async () => {
    let reason = '';
    try {
      JSON.parse('{"a":');
    } catch (error) {
      reason = (error as Error).message;
    }
    expect(await refusal(jsonRequest('{"a":'))).toEqual([400, `request body is not valid JSON: ${reason}`]);
  });

  it.each([
    ['[1]', 'an array'],
    ['null', 'null'],
    ['"text"', 'string'],
    ['12', 'number'],
    ['true', 'boolean'],
  ])('refuses %s: it is not an object', async (body, got) => {
    expect(await refusal(jsonRequest(body))).toEqual([400, `request body must be a JSON object, got ${got}`]);
  });
});
