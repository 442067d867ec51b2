import type { Rtm2PermissionEntry } from '../token007/services.js';
import { HttpError } from './response.js';

const typeName = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

const isInteger = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

const UINT32_MAX = 0xffffffff;
const INT16_MIN = -0x8000;
const INT16_MAX = 0x7fff;

/** The limits a reader applies to expiry fields. */
export interface ExpiryLimits {
  /** Used when the field is absent. */
  defaultExpire: number;
  maxExpire: number;
}

/**
 * Reads the fields of one JSON body, each by its name in the body, so every 400 names the field the
 * client sent. `finish()` refuses fields no reader asked for: a misspelt name fails loudly instead of
 * silently falling back to a default.
 */
export class BodyFields {
  readonly #body: Record<string, unknown>;
  readonly #limits: ExpiryLimits;
  readonly #read = new Set<string>();

  constructor(body: Record<string, unknown>, limits: ExpiryLimits) {
    this.#body = body;
    this.#limits = limits;
  }

  #take(name: string): unknown {
    this.#read.add(name);
    return Object.hasOwn(this.#body, name) ? this.#body[name] : undefined;
  }

  #required(name: string): unknown {
    const value = this.#take(name);
    if (value === undefined) throw new HttpError(400, `"${name}" is required`);
    return value;
  }

  /** A required, non-empty string. */
  string(name: string): string {
    const value = this.#required(name);
    if (typeof value !== 'string') throw new HttpError(400, `"${name}" must be a string, got ${typeName(value)}`);
    if (value === '') throw new HttpError(400, `"${name}" must not be empty`);
    return value;
  }

  /** An RTC uid (a uint32, 0 meaning any user) or a string user account. */
  uid(name: string): string | number {
    const value = this.#required(name);
    if (typeof value === 'string') return value;
    if (isInteger(value, 0, UINT32_MAX)) return value;
    if (typeof value === 'number') throw new HttpError(400, `"${name}" must be an integer from 0 to ${UINT32_MAX}, got ${value}`);
    throw new HttpError(400, `"${name}" must be a number or a string, got ${typeName(value)}`);
  }

  /**
   * An RTC role: 1 publisher, 2 subscriber. The 006 roles 0 (attendee) and 101 (admin) carried publish
   * rights, so clients still sending them get a publisher token rather than a silent downgrade.
   */
  rtcRole(name: string): 1 | 2 {
    const value = this.#required(name);
    if (value === 1 || value === 0 || value === 101) return 1;
    if (value === 2) return 2;
    const got = typeof value === 'number' ? String(value) : typeName(value);
    throw new HttpError(400, `"${name}" must be 1 (publisher) or 2 (subscriber), got ${got}`);
  }

  /** An APaaS room role: an int16. */
  int16(name: string): number {
    const value = this.#required(name);
    if (isInteger(value, INT16_MIN, INT16_MAX)) return value;
    throw new HttpError(400, `"${name}" must be an integer from ${INT16_MIN} to ${INT16_MAX}, got ${typeof value === 'number' ? value : typeName(value)}`);
  }

  /**
   * A lifetime in seconds: an integer from `min` to the configured maximum, `fallback` (by default the
   * configured default) when absent.
   */
  expire(name: string, options: { min?: number; fallback?: number } = {}): number {
    const { min = 1, fallback = Math.min(this.#limits.defaultExpire, this.#limits.maxExpire) } = options;
    const value = this.#take(name);
    if (value === undefined) return fallback;
    if (isInteger(value, min, this.#limits.maxExpire)) return value;
    throw new HttpError(400, `"${name}" must be an integer number of seconds from ${min} to ${this.#limits.maxExpire}, got ${typeof value === 'number' ? value : typeName(value)}`);
  }

  /** RTM2 grants: `[{ resourceType, permissionType, resources: [names] }]`. */
  permissions(name: string): Rtm2PermissionEntry[] {
    const value = this.#required(name);
    if (!Array.isArray(value)) throw new HttpError(400, `"${name}" must be an array, got ${typeName(value)}`);
    return value.map((entry: unknown, i) => {
      const at = `${name}[${i}]`;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        throw new HttpError(400, `"${at}" must be an object, got ${typeName(entry)}`);
      }
      const { resourceType, permissionType, resources, ...rest } = entry as Record<string, unknown>;
      const extra = Object.keys(rest)[0];
      if (extra !== undefined) throw new HttpError(400, `unknown field "${at}.${extra}"`);
      for (const [field, id] of [['resourceType', resourceType], ['permissionType', permissionType]] as const) {
        if (!isInteger(id, 0, 0xffff)) throw new HttpError(400, `"${at}.${field}" must be an integer from 0 to 65535, got ${typeof id === 'number' ? id : typeName(id)}`);
      }
      if (!Array.isArray(resources) || !resources.every((r) => typeof r === 'string')) {
        throw new HttpError(400, `"${at}.resources" must be an array of strings`);
      }
      return { resourceType: resourceType as number, permissionType: permissionType as number, resources: resources as string[] };
    });
  }

  /** Refuses any field that no reader asked for. */
  finish(): void {
    const unknown = Object.keys(this.#body).find((key) => !this.#read.has(key));
    if (unknown !== undefined) throw new HttpError(400, `unknown field "${unknown.slice(0, 60)}"`);
  }
}
