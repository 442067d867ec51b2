// The allowed-Host check against DNS rebinding: how host names are compared, what counts as loopback,
// and the 421 a handler with allowedHosts gives any other name.
import { describe, expect, it } from 'vitest';
import { createTokenHandler } from '../../src/server/index.js';
import { canonicalHost, HostPolicy, isLoopbackHost } from '../../src/server/hosts.js';
import { HttpError } from '../../src/server/response.js';

describe('canonicalHost', () => {
  it.each([
    ['localhost', 'localhost'],
    ['Tokens.Example.COM', 'tokens.example.com'],
    ['127.0.0.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['::1', '[::1]'],
    ['[::1]', '[::1]'],
    ['0:0:0:0:0:0:0:1', '[::1]'],
  ])('%s is %s', (text, host) => {
    expect(canonicalHost(text)).toBe(host);
  });

  it.each(['', 'tokens.example.com:8082', 'http://tokens.example.com', '*.example.com', 'user@host', 'a/b', 'a\\b', 'a?b', 'a#b', 'a b', 'a\tb', '[::1', '[::1]:8082', 'a:b'])(
    '%j is not a bare host',
    (text) => {
      expect(canonicalHost(text)).toBeUndefined();
    },
  );

  it('is undefined for a value that is not a string', () => {
    expect(canonicalHost(42 as unknown as string)).toBeUndefined();
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LOCALHOST', '127.0.0.1', '127.0.0.2', '127.255.255.254', '127.1', '::1', '[::1]'])('%s is loopback', (text) => {
    expect(isLoopbackHost(text)).toBe(true);
  });

  it.each(['0.0.0.0', '128.0.0.1', '10.0.0.1', '::', '::2', 'localhost.example', '127.0.0.1.example', 'x127.0.0.1', '', 'localhost:80'])('%j is not', (text) => {
    expect(isLoopbackHost(text)).toBe(false);
  });
});

describe('HostPolicy', () => {
  const refusal = (policy: HostPolicy, url: string): [number, string] | undefined => {
    try {
      policy.assert(new Request(url));
    } catch (error) {
      expect(error).toBeInstanceOf(HttpError);
      return [(error as HttpError).status, (error as HttpError).message];
    }
    return undefined;
  };

  it('answers the listed names in any spelling, and no other', () => {
    const policy = new HostPolicy(['Tokens.Example.com', '127.0.0.1', '::1']);
    for (const url of ['http://tokens.example.com/x', 'http://TOKENS.example.com:8082/x', 'http://127.0.0.1:1/', 'http://127.1/', 'http://[::1]:8082/']) {
      expect(refusal(policy, url)).toBeUndefined();
    }
    expect(refusal(policy, 'http://attacker.example:8082/fetch_rtc_token')).toEqual([421, 'this server does not answer to the host "attacker.example"']);
    expect(refusal(policy, 'http://127.0.0.2/')).toEqual([421, 'this server does not answer to the host "127.0.0.2"']);
    const long = `${'a'.repeat(150)}.example`;
    expect(refusal(policy, `http://${long}/`)).toEqual([421, `this server does not answer to the host ${JSON.stringify(long.slice(0, 100))}`]);
  });

  it('refuses an empty list or a value that is not a list', () => {
    for (const allowed of [[], 'localhost', undefined]) {
      expect(() => new HostPolicy(allowed as string[])).toThrow(new TypeError('"allowedHosts" must be a non-empty array of host names; leave it out to answer every host'));
    }
  });

  it.each([['localhost:8082'], ['https://tokens.example.com'], ['*.example.com'], [''], [42]])('refuses the entry %j, quoting it', (entry) => {
    expect(() => new HostPolicy(['localhost', entry as string])).toThrow(
      new TypeError(`"allowedHosts" entry ${JSON.stringify(entry)} is not a host name or IP address such as "tokens.example.com" (no scheme, port or wildcard)`),
    );
  });
});

describe('createTokenHandler with allowedHosts', () => {
  const options = {
    appId: '3c5e1d7f0a9b4c2e8d6f1a0b9c8d7e6f',
    appCertificate: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    authorize: () => true,
  };
  const guide = (host: string) =>
    new Request(`http://${host}/fetch_rtc_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"uid":1,"ChannelName":"c","role":1}' });

  it('gives a token to a listed host and a 421 JSON error, with no token, to any other', async () => {
    const handler = createTokenHandler({ ...options, allowedHosts: ['localhost'] });
    expect((await handler(guide('localhost:8082'))).status).toBe(200);
    const refused = await handler(guide('attacker.example:8082'));
    expect(refused.status).toBe(421);
    expect(await refused.json()).toEqual({ code: '421', error: 'this server does not answer to the host "attacker.example"' });
    expect((await handler(new Request('http://attacker.example/healthz'))).status).toBe(421);
  });

  it('answers every host when left out', async () => {
    expect((await createTokenHandler(options)(guide('anything.example'))).status).toBe(200);
  });

  it('refuses invalid allowedHosts when created', () => {
    expect(() => createTokenHandler({ ...options, allowedHosts: ['localhost:1'] })).toThrow(TypeError);
  });
});
