import type { VectorGroup as ConformanceVectorGroup, VectorTest as ConformanceVectorTest } from '../../src/cli/conformance/cases.js';
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

// The runner's view of a vector plus the fields only this suite reads.
export interface VectorTest extends ConformanceVectorTest {
  tokenGo?: string;
}

export interface VectorGroup extends ConformanceVectorGroup {
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
