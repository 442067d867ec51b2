import { encode007 } from '../token007/encode.js';
import type { ServiceSpec } from '../token007/services.js';

/**
 * The optional last argument of every builder method: a fixed clock and salt, for reproducible
 * tokens in tests and golden vectors. Leave both unset in production.
 */
export interface BuildOptions {
  /** Unix time in whole seconds; defaults to now. */
  issueTs?: number;
  /** uint32; defaults to a fresh value from `crypto.getRandomValues`. */
  salt?: number;
}

/** Shared tail of every builder: one header, the given services. */
export function build(
  appId: string,
  appCertificate: string,
  expire: number,
  services: ServiceSpec[],
  options: BuildOptions | undefined,
): string {
  return encode007({ appId, appCertificate, expire, services, issueTs: options?.issueTs, salt: options?.salt });
}
