import { parseArgs } from 'node:util';

/** A command-line flag: its kind, whether it is required, and a line of help. */
export type FlagSpec =
  | { kind: 'number'; required?: boolean; help: string }
  | { kind: 'string'; required?: boolean; help: string }
  | { kind: 'enum'; values: readonly string[]; required?: boolean; help: string };

export interface CommandSpec<R> {
  summary: string;
  flags: Record<string, FlagSpec>;
  /** Further checks across flags (e.g. one of two alternatives); returns a problem or null. */
  check?: (values: FlagValues) => string | null;
  run: (values: FlagValues) => R | Promise<R>;
  /** The readable (non-JSON) form of the result. */
  describe: (result: R) => string;
}

export type FlagValues = Record<string, number | string | undefined>;

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Parses a command's flags (`--diameter-m 20`) into camel-cased values, or throws UsageError naming the flag. */
export function parseFlags(command: string, spec: CommandSpec<unknown>, argv: string[]): { values: FlagValues; json: boolean } {
  const options: Record<string, { type: 'string' | 'boolean' }> = { json: { type: 'boolean' } };
  for (const name of Object.keys(spec.flags)) options[name] = { type: 'string' };
  // Negative numbers (`--lat -1.29`) would read as flags: bind them to the flag before them.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const next = argv[i + 1];
    const name = token.startsWith('--') ? token.slice(2) : '';
    if (spec.flags[name] && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      args.push(`${token}=${next}`);
      i++;
    } else args.push(token);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (e) {
    throw new UsageError(`deflect ${command}: ${(e as Error).message.split('\n')[0]}`);
  }
  const values: FlagValues = {};
  for (const [name, flag] of Object.entries(spec.flags)) {
    const raw = parsed.values[name];
    if (raw === undefined) {
      if (flag.required) throw new UsageError(`deflect ${command}: --${name} is required (${flag.help}).`);
      continue;
    }
    const text = String(raw);
    if (flag.kind === 'number') {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`deflect ${command}: --${name} must be a number, got '${text}'.`);
      values[camel(name)] = n;
    } else if (flag.kind === 'enum') {
      if (!flag.values.includes(text)) throw new UsageError(`deflect ${command}: --${name} must be one of ${flag.values.join(', ')}, got '${text}'.`);
      values[camel(name)] = text;
    } else values[camel(name)] = text;
  }
  const problem = spec.check?.(values);
  if (problem) throw new UsageError(`deflect ${command}: ${problem}`);
  return { values, json: parsed.values.json === true };
}

/** The usage text of one command. */
export function usageOf(command: string, spec: CommandSpec<unknown>): string {
  const lines = Object.entries(spec.flags).map(([name, f]) => {
    const kind = f.kind === 'enum' ? f.values.join('|') : f.kind === 'number' ? 'N' : 'TEXT';
    return `  --${name} ${kind}${f.required ? '' : ' (optional)'}  ${f.help}`;
  });
  return `deflect ${command} [flags] [--json]\n  ${spec.summary}\n${lines.join('\n')}`;
}
