// Seating a table of bots, and waiting until they have all had their say: used by the
// `npm run bots` command and by the rehearsal tests.
import { Bot, type BotOptions } from './bot.js';

export interface SeatBotsOptions extends Omit<BotOptions, 'name'> {
  /** Actor ids to play, or every actor seat that is free. */
  seats: readonly string[] | 'all';
  /** Each bot is named `<prefix> <actor name>`, which also seeds its choices. */
  namePrefix: string;
  /** Told of each seat as it is taken. */
  onSeated?: (bot: Bot, actor: { id: string; name: string }) => void;
}

/**
 * Puts one bot in each requested actor seat (or every free one) and returns them seated
 * but not yet playing. A short-lived participant looks at the table first, so a seat that
 * does not exist or is taken is reported before any bot sits down; on any failure the
 * bots already seated leave again.
 */
export async function seatBots(options: SeatBotsOptions): Promise<Bot[]> {
  const { seats, namePrefix, onSeated, ...botOptions } = options;
  const scout = await Bot.join({ ...botOptions, name: `${namePrefix} seat finder`.slice(0, 60), log: undefined });
  let actors: { id: string; name: string }[];
  let free: string[];
  try {
    actors = scout.view()?.actors.map((a) => ({ id: a.id, name: a.name })) ?? [];
    free = scout.freeActorSeats();
    const view = scout.view();
    for (const id of seats === 'all' ? [] : seats) {
      if (!actors.some((a) => a.id === id)) throw new Error(`There is no actor '${id}' in this exercise; its actors are ${actors.map((a) => a.id).join(', ')}.`);
      if (!free.includes(id)) {
        const holder = view?.seats.find((s) => s.seat === `actor:${id}`)?.holders[0];
        throw new Error(`The seat of ${id} is taken${holder ? ` by ${holder.name}` : ''}.`);
      }
    }
  } finally {
    await scout.leave();
  }
  const wanted = seats === 'all' ? free : [...new Set(seats)];
  if (wanted.length === 0) throw new Error('Every actor seat is already taken.');

  const bots: Bot[] = [];
  try {
    for (const id of wanted) {
      const actor = actors.find((a) => a.id === id)!;
      const bot = await Bot.join({ ...botOptions, name: `${namePrefix} ${actor.name}`.slice(0, 60) });
      try {
        await bot.takeSeat(id);
      } catch (e) {
        await bot.leave();
        throw e;
      }
      bots.push(bot);
      onSeated?.(bot, actor);
    }
  } catch (e) {
    await Promise.all(bots.map((b) => b.leave()));
    throw e;
  }
  return bots;
}

/**
 * Resolves once every bot has been idle (nothing under way, nothing it wants to do) for
 * `quietMs` in a row; rejects after `timeoutMs` naming the bots still busy.
 */
export async function whenQuiet(bots: readonly Bot[], { quietMs = 100, timeoutMs = 10_000, pollMs = 20 } = {}): Promise<void> {
  const started = Date.now();
  let quietSince: number | null = null;
  for (;;) {
    const now = Date.now();
    const busy = bots.filter((b) => !b.isIdle());
    if (busy.length > 0) quietSince = null;
    else quietSince ??= now;
    if (quietSince !== null && now - quietSince >= quietMs) return;
    if (now - started > timeoutMs) throw new Error(`Bots still busy after ${timeoutMs} ms: ${busy.map((b) => b.name).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
