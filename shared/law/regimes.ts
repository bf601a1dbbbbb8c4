/** The legal regimes a scenario can put in force; every session can be re-judged under each. */
export const regimeIds = ['liability-convention', 'liability-convention-strict', 'pd-protocol', 'security-community'] as const;
export type RegimeId = (typeof regimeIds)[number];
