// Static JSON imports, so that bundles for Deno, workerd and browsers carry the vectors with them.
import accesstoken006 from '../../vectors/accesstoken006.json' with { type: 'json' };
import accesstoken2 from '../../vectors/accesstoken2.json' with { type: 'json' };
import apaas from '../../vectors/apaas.json' with { type: 'json' };
import chat from '../../vectors/chat.json' with { type: 'json' };
import convoai from '../../vectors/convoai.json' with { type: 'json' };
import education from '../../vectors/education.json' with { type: 'json' };
import fpa from '../../vectors/fpa.json' with { type: 'json' };
import parse from '../../vectors/parse.json' with { type: 'json' };
import rtcTokenBuilder006 from '../../vectors/rtc-token-builder006.json' with { type: 'json' };
import rtcTokenBuilder2 from '../../vectors/rtc-token-builder2.json' with { type: 'json' };
import rtmTokenBuilder006 from '../../vectors/rtm-token-builder006.json' with { type: 'json' };
import rtmTokenBuilder2 from '../../vectors/rtm-token-builder2.json' with { type: 'json' };
import stt from '../../vectors/stt.json' with { type: 'json' };

export interface VectorTest {
  tcId: number;
  comment: string;
  flags: string[];
  args: Record<string, unknown>;
  argsList: unknown[];
  result: 'valid' | 'invalid';
  issueTs?: number;
  salt?: number;
  ts?: number;
  services?: Record<string, unknown>[];
  privileges?: [number, number][];
  payloadHex?: string;
  token?: string;
  tokenGo?: string;
  decoded?: Record<string, unknown>;
}

export interface VectorGroup {
  type: string;
  function: string;
  tokenVersion: '006' | '007';
  argumentNames: string[];
  tests: VectorTest[];
}

export interface VectorFile {
  numberOfTests: number;
  testGroups: VectorGroup[];
}

export const vectorFiles: Record<string, VectorFile> = {
  'accesstoken2.json': accesstoken2,
  'rtc-token-builder2.json': rtcTokenBuilder2,
  'rtm-token-builder2.json': rtmTokenBuilder2,
  'chat.json': chat,
  'fpa.json': fpa,
  'apaas.json': apaas,
  'education.json': education,
  'convoai.json': convoai,
  'stt.json': stt,
  'accesstoken006.json': accesstoken006,
  'rtc-token-builder006.json': rtcTokenBuilder006,
  'rtm-token-builder006.json': rtmTokenBuilder006,
  'parse.json': parse,
} as unknown as Record<string, VectorFile>;
