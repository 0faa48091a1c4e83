/** Attempts of one channel message before it is FAILED: 30 s doubling to 2 h, about 14 h in all at the defaults. */
export const CHANNEL_MAX_ATTEMPTS = 14;
/** Longest wait between two attempts of a channel message, in ms. */
export const CHANNEL_MAX_RETRY_DELAY_MS = 2 * 3_600_000;
