// Type test (run by `npm run typecheck`, i.e. `tsc -p test`): the adapters accept the real SDKs'
// objects, as their published declarations type them, and the events they listen to exist there.
// A change of shape in a new SDK version breaks the build here. The RTC event names are checked in
// test/client-adapters.test.ts: IAgoraRTCClient also takes any string as an event name.
import type { AgoraChat } from 'agora-chat';
import type { IAgoraRTCClient } from 'agora-rtc-sdk-ng';
import type { RTMClient, RTMEvents } from 'agora-rtm-sdk';
import { joinRtcWithToken, loginRtmWithToken, openChatWithToken } from '../../src/client/index.js';
import type { ChatTokenHandlers, RtcClientLike, RtmClientLike, RtmLinkStateLike } from '../../src/client/index.js';

type Expect<T extends true> = T;
type Extends<A, B> = [A] extends [B] ? true : false;

declare const rtc: IAgoraRTCClient;
declare const rtm: RTMClient;
declare const chat: AgoraChat.Connection;
const fetchToken = async (): Promise<string> => '007…';

export const sessions = [
  joinRtcWithToken(rtc, { appId: '970CA35de60c44645bbae8a215061b33', channel: 'room', uid: 42, fetchToken }),
  loginRtmWithToken(rtm, { fetchToken }),
  openChatWithToken(chat, { user: 'alice', fetchToken }),
];

export type Checks = [
  Expect<Extends<IAgoraRTCClient, RtcClientLike>>,
  Expect<Extends<RTMClient, RtmClientLike>>,
  Expect<Extends<AgoraChat.Connection, Parameters<typeof openChatWithToken>[0]>>,
  // RTM and Chat key their events by name in the declarations: the names the adapters use exist.
  Expect<Extends<'tokenPrivilegeWillExpire' | 'linkState', keyof RTMEvents.RTMClientEventMap>>,
  Expect<Extends<RTMEvents.RTMClientEventMap['tokenPrivilegeWillExpire'], (channelName: string) => void>>,
  Expect<Extends<'TOKEN_EXPIRED', RTMEvents.LinkStateChangeReasonCode>>,
  Expect<Extends<RTMEvents.LinkStateEvent, RtmLinkStateLike>>,
  Expect<Extends<keyof ChatTokenHandlers, keyof AgoraChat.EventHandlerType>>,
  Expect<Extends<Required<AgoraChat.EventHandlerType>['onTokenExpired'], () => void>>,
];

// The checks above can fail: a shape without renewToken is refused.
// @ts-expect-error renewToken is missing
joinRtcWithToken({ ...rtc, renewToken: undefined }, { appId: 'a', channel: 'c', fetchToken });
