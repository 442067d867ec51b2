/**
 * Largest payload (before compression) this library builds or decodes. The C++ reference parser
 * keeps positions in a u16 (docs/format.md §5), so a larger token cannot be read by every Agora
 * implementation; real tokens are a few hundred bytes.
 */
export const MAX_PAYLOAD_BYTES = 0xffff;

/**
 * Longest token string accepted before any work is done: a 64 KiB payload stored without compression
 * (5 bytes per stored block, 6 bytes of zlib framing), in base64 with a few line breaks, fits below it.
 */
export const MAX_TOKEN_LENGTH = 90_000;
