/** Version of the rules; stored with every event so a log is replayed by the rules that wrote it. */
export const RULES_VERSION = 1;
