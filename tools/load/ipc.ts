// Messages from a load worker to its parent over the IPC channel.

/**
 * Sends `message` to the parent and then closes the channel. The channel is closed only once
 * the message has been written: closing it at once drops a message larger than the pipe's
 * buffer (a worker's counts at 800 tables are a few hundred kilobytes), and the parent sees the
 * worker leave without its report.
 */
export function sendThenDisconnect(message: unknown): void {
  process.send!(message, () => process.disconnect());
}
