/**
 * Retry limits of email (a leaf module: the delivery queue's settings table, outbox/delivery-queue.ts, reads them
 * without importing the delivery worker).
 */

/** Attempts before a temporarily failing message is marked FAILED. */
export const EMAIL_MAX_ATTEMPTS = 8;

/** Longest wait between two attempts of an email, in ms. */
export const EMAIL_MAX_RETRY_DELAY_MS = 3_600_000;

/**
 * `deliver-email` jobs one worker slot fetches per poll (DELIVERY_QUEUE=pgboss): claimed in one statement and sent on
 * the worker's lanes, as one batch of the outbox drain.
 */
export const EMAIL_QUEUE_BATCH = 50;
