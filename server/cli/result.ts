/** What a CLI invocation prints and its exit code (so tests need no subprocess). */
export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}
