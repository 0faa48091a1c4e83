/**
 * Waits until `check` answers true, asking every 25 ms, for at most `ms` milliseconds.
 * For outcomes that a queue worker of the test application reaches on its own (DELIVERY_QUEUE=pgboss): the SMTP
 * sink's 250 comes before the worker records SENT, for instance.
 * @throws Error naming `what` when the time is up.
 */
export async function eventually(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still not ${what} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
