import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssues, formatPath, isoDate, slug } from '../../shared/validation.js';

describe('formatPath', () => {
  it('writes indices in brackets and keys after dots, the way nested YAML is read', () => {
    expect(formatPath(['actors', 2, 'kind'])).toBe('actors[2].kind');
    expect(formatPath(['calendar', 'rounds', 0, 'news', 1, 'headline'])).toBe('calendar.rounds[0].news[1].headline');
    expect(formatPath([])).toBe('(root)');
  });
});

describe('formatIssues', () => {
  it('prefixes each issue with the document and its path under the given root', () => {
    const result = z.strictObject({ states: z.array(z.strictObject({ id: slug })) }).safeParse({ states: [{ id: 'ok' }, { id: 'Not OK' }] });
    expect(result.success).toBe(false);
    const [message, ...rest] = formatIssues(result.error!.issues, 'cases/x.yaml: ', 'case');
    expect(rest).toEqual([]);
    expect(message).toMatch(/^cases\/x\.yaml: case\.states\[1\]\.id: expected a lower-case id/);
  });
});

describe('isoDate', () => {
  it('accepts a real calendar day and refuses one its month does not have', () => {
    expect(isoDate.safeParse('2032-02-29').success).toBe(true);
    expect(isoDate.safeParse('2031-02-29').success).toBe(false);
    expect(isoDate.safeParse('10/03/2031').success).toBe(false);
  });
});
