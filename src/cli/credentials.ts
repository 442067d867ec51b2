import { usageError } from './output.js';

const WAYS = {
  appId: ['the App ID', '--app-id <hex> or set AGORA_APP_ID'],
  cert: ['the App Certificate', '--cert <hex> or set AGORA_APP_CERTIFICATE'],
} as const;

/**
 * Fails naming both ways to give a missing credential: commander's message for a mandatory option
 * names only the flag, although most users set the environment variable.
 */
export function requireCredentials(values: { appId?: string; cert?: string }, needed: readonly (keyof typeof WAYS)[] = ['appId', 'cert']): void {
  for (const name of needed) {
    if (values[name] === undefined) throw usageError(`missing ${WAYS[name][0]}: pass ${WAYS[name][1]}`);
  }
}
