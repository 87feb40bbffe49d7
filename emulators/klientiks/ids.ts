// Numeric ids per entity kind. Bases differ per kind so that an id in a log line hints at what it is,
// and so that tests cannot pass a client id where an appointment id is expected by accident.

const ID_BASES = {
  account: 10001,
  user: 200001,
  service: 300001,
  servicePack: 400001,
  client: 1000001,
  appointment: 5000001,
  appointedService: 6000001,
  clientLink: 7000001,
  waitingListItem: 8000001,
  revenueTransaction: 9000001,
  eventHandler: 1,
  delivery: 1,
  fault: 1,
  triggerBatch: 1,
} as const;

export type IdKind = keyof typeof ID_BASES;

export type NextId = (kind: IdKind) => number;

export const createIdSequences = (): NextId => {
  const next: Record<IdKind, number> = { ...ID_BASES };
  return (kind) => next[kind]++;
};
