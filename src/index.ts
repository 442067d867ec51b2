export { TokenError } from './errors.js';
export type { TokenErrorCode } from './errors.js';

export { buildToken, decodeToken, verifyToken } from './api.js';
export type { DecodedToken, TokenSpec, TokenVersion, VerifyTokenOptions } from './api.js';
export type { DecodedToken007 } from './token007/decode.js';
export type { Token007Spec } from './token007/encode.js';
export type { DecodedToken006 } from './token006/decode.js';
export type { Token006Spec } from './token006/encode.js';
export { expiryFrom006 } from './token006/expiry.js';
export type { ExpiryFrom006Options, RelativeExpiry } from './token006/expiry.js';
export type {
  ApaasServiceSpec,
  ChatServiceSpec,
  ConvoAIServiceSpec,
  CustomServiceSpec,
  DecodedApaasService,
  DecodedChatService,
  DecodedConvoAIService,
  DecodedFCdnService,
  DecodedFpaService,
  DecodedRtcService,
  DecodedRtm2Service,
  DecodedRtmService,
  DecodedService,
  DecodedStreamingService,
  DecodedSttService,
  FCdnServiceSpec,
  FpaServiceSpec,
  PrivilegeInput,
  Privileges,
  RtcServiceSpec,
  Rtm2PermissionEntry,
  Rtm2ServiceSpec,
  RtmServiceSpec,
  ServiceSpec,
  StreamingServiceSpec,
  SttServiceSpec,
} from './token007/services.js';
export { Privilege, Rtm2PermissionType, Rtm2ResourceType, ServiceType } from './token007/constants.js';

export { RtcRole, RtcTokenBuilder, RtcTokenBuilder as RtcTokenBuilder2 } from './builders/rtc.js';
export { Rtm2Permissions, RtmTokenBuilder, RtmTokenBuilder as RtmTokenBuilder2 } from './builders/rtm.js';
export { ChatTokenBuilder } from './builders/chat.js';
export { FpaTokenBuilder } from './builders/fpa.js';
export { ApaasTokenBuilder, EducationTokenBuilder } from './builders/apaas.js';
export { ConvoAITokenBuilder, SttTokenBuilder } from './builders/convoai.js';
export type { BuildOptions } from './builders/options.js';

export { checkRtcInputs, checkRtmInputs, LIMITS } from './checks.js';
export type { Finding, FindingCode, RtcInputs, RtmInputs } from './checks.js';
