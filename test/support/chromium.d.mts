import type { BrowserContext } from 'playwright-core';
export declare const chromiumArgs: string[];
export declare function findChromium(env?: Record<string, string | undefined>): string;
export declare function launchChromium(profileDir: string): Promise<BrowserContext>;
