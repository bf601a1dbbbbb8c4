import { pathToFileURL } from 'node:url';
import { ZodError } from 'zod';
import { formatIssues } from '../../shared/validation.js';
import { UsageError, parseFlags, usageOf, type CommandSpec } from './args.js';
import { commands } from './commands.js';
import { runScenarioCli } from './scenario.js';

// `npm run --silent deflect -- <command> [flags] [--json]`: the rules module from the
// command line. With --json it prints one JSON object whose field names are a stable
// contract; without it, a readable summary. Bad flags: a usage error and exit code 2.

function overview(): string {
  const names = Object.entries(commands).map(([name, spec]) => `  ${name.padEnd(10)} ${spec.summary}`);
  names.push(`  ${'scenario'.padEnd(10)} Check, simulate and convert scenario files: 'deflect scenario help'.`);
  return `usage: deflect <command> [flags] [--json]\n\ncommands:\n${names.join('\n')}\n\n'deflect <command> --help' lists a command's flags.`;
}

/** Runs one CLI invocation and returns what to print and the exit code (so tests need no subprocess). */
export async function runCli(argv: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === 'help') return { stdout: `${overview()}\n`, stderr: '', code: name ? 0 : 2 };
  if (name === 'scenario') return runScenarioCli(rest);
  const spec = (commands as Record<string, CommandSpec<unknown>>)[name];
  if (!spec) return { stdout: '', stderr: `deflect: unknown command '${name}'.\n\n${overview()}\n`, code: 2 };
  if (rest.includes('--help')) return { stdout: `${usageOf(name, spec)}\n`, stderr: '', code: 0 };
  try {
    const { values, json } = parseFlags(name, spec, rest);
    const result = await spec.run(values);
    return { stdout: `${json ? JSON.stringify(result, null, 2) : spec.describe(result)}\n`, stderr: '', code: 0 };
  } catch (e) {
    if (e instanceof UsageError) return { stdout: '', stderr: `${e.message}\n\n${usageOf(name, spec)}\n`, code: 2 };
    if (e instanceof ZodError) {
      const problems = formatIssues(e.issues, `deflect ${name}: `).join('\n');
      return { stdout: '', stderr: `${problems}\n\n${usageOf(name, spec)}\n`, code: 2 };
    }
    return { stdout: '', stderr: `deflect ${name}: ${(e as Error).message}\n`, code: 1 };
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { stdout, stderr, code } = await runCli(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = code;
}
