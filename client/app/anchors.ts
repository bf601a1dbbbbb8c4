// In-page anchors: the ids of the items the "Waiting for you" list links to, kept in one place so the links and the panels agree.

/** The element ids the "Waiting for you" links point at, by kind of item. */
export const anchorId = {
  agreement: (id: string) => `agreement-card-${id}`,
  resolution: (id: string) => `resolution-card-${id}`,
  mission: (id: string) => `mission-card-${id}`,
  bid: (id: string) => `bid-card-${id}`,
  orders: 'orders-panel',
  claim: 'claim-form',
} as const;
