import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Bot, BotEnd } from './bot.js';
import { seatBots } from './table.js';

// `npm run bots -- --url http://localhost:2567 --code ABC123 [--seats usa,kenya | --all]
// [--name-prefix Bot] [--verbose]`: fills actor seats of a running exercise with bots, so a
// facilitator can rehearse alone or a small table can play with a full cast. Bad flags: a
// usage error and exit code 2; the program ends with the exercise, or on Ctrl-C.

const USAGE = `usage: npm run bots -- --code CODE [--url URL] [--seats ID,ID,... | --all] [--name-prefix TEXT] [--verbose]

  Fills actor seats of a running Deflect exercise with bots that make simple, legal moves.

  --code CODE          the exercise's join code (six letters and digits)
  --url URL            the server's address (default http://localhost:2567)
  --seats ID,ID,...    the actors to play, e.g. usa,kenya
  --all                every actor seat that is free (the default)
  --name-prefix TEXT   bots are named '<prefix> <actor name>' (default 'Bot')
  --verbose            log every move, not only the seats taken and the refusals
  --help               this text`;

/** A mistake in how the command was called: printed with the usage, exit code 2. */
class UsageError extends Error {}

interface BotsArgs {
  url: string;
  code: string;
  seats: string[] | 'all';
  namePrefix: string;
  verbose: boolean;
}

/** Parses the command line into what to do, or throws a UsageError naming the flag at fault. */
export function parseBotsArgs(argv: string[]): BotsArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string', default: 'http://localhost:2567' },
        code: { type: 'string' },
        seats: { type: 'string' },
        all: { type: 'boolean', default: false },
        'name-prefix': { type: 'string', default: 'Bot' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    throw new UsageError(`bots: ${(e as Error).message.split('\n')[0]}`);
  }
  if (values.help) return 'help';
  if (values.code === undefined) throw new UsageError('bots: --code is required (the join code the facilitator gives the table).');
  const code = values.code.trim().toUpperCase();
  if (!/^[A-Z0-9]{6}$/.test(code)) throw new UsageError(`bots: --code must be six letters and digits, got '${values.code}'.`);
  let url: URL;
  try {
    url = new URL(values.url);
  } catch {
    throw new UsageError(`bots: --url must be an address such as http://localhost:2567, got '${values.url}'.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`bots: --url must start with http:// or https://, got '${values.url}'.`);
  if (values.seats !== undefined && values.all) throw new UsageError('bots: give either --seats or --all, not both.');
  let seats: string[] | 'all' = 'all';
  if (values.seats !== undefined) {
    seats = values.seats.split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (seats.length === 0) throw new UsageError('bots: --seats needs at least one actor id, e.g. --seats usa,kenya.');
    const bad = seats.find((s) => !/^[a-z0-9][a-z0-9-]{0,39}$/.test(s));
    if (bad !== undefined) throw new UsageError(`bots: --seats takes actor ids such as usa or kenya, got '${bad}'.`);
  }
  const namePrefix = values['name-prefix'].trim();
  if (namePrefix === '' || namePrefix.length > 40) throw new UsageError('bots: --name-prefix must be 1 to 40 characters.');
  return { url: url.origin, code, seats, namePrefix, verbose: values.verbose };
}

/** Runs the bots until the exercise ends (or `stop` is called) and returns the exit code. */
export async function runBots(argv: string[], io: { out: (line: string) => void; err: (line: string) => void; onStop?: (stop: () => void) => void }): Promise<number> {
  let args: BotsArgs | 'help';
  try {
    args = parseBotsArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    io.out(USAGE);
    return 0;
  }

  // Ctrl-C while the bots sit down takes effect once they are seated, so every room is left cleanly.
  let bots: Bot[] = [];
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    io.out('Leaving the exercise…');
    void Promise.all(bots.map((b) => b.leave()));
  };
  io.onStop?.(stop);
  try {
    bots = await seatBots({
      url: args.url,
      code: args.code,
      seats: args.seats,
      namePrefix: args.namePrefix,
      verbose: args.verbose,
      log: io.out,
      onSeated: (bot, actor) => io.out(`${bot.name} took the seat of ${actor.name} (${actor.id})`),
    });
  } catch (e) {
    io.err(`bots: ${(e as Error).message}`);
    return 1;
  }
  if (stopping) await Promise.all(bots.map((b) => b.leave()));
  else for (const bot of bots) bot.play();

  const ends: BotEnd[] = await Promise.all(bots.map((b) => b.finished));
  const refused = bots.reduce((n, b) => n + b.rejections.length, 0);
  const made = bots.reduce((n, b) => n + b.moves.length, 0);
  io.out(`${made} moves made, ${refused} refused.`);
  if (ends.every((e) => e === 'ended')) io.out('The exercise has ended.');
  return ends.includes('disconnected') ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const code = await runBots(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    onStop: (stop) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          stop();
          // A second Ctrl-C does not wait for the rooms.
          process.once(signal, () => process.exit(130));
        });
      }
    },
  });
  process.exit(code);
}
