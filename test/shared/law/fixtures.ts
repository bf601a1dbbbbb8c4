// Builds small cases for the legal table: five fictional states A–E (ISO user-assigned codes
// XAA–XEE), all parties to every treaty unless a story says otherwise, one mission and one
// damage that each story adjusts.
import { caseSchemaV1, type Case, type CaseInput } from '../../../shared/law/case.js';

type StateInput = CaseInput['states'][number];
type MissionInput = CaseInput['missions'][number];
type DamageInput = CaseInput['damages'][number];
type OrganisationInput = NonNullable<CaseInput['organisations']>[number];

export interface Story {
  /** Overrides per state id, e.g. `{ c: { partyToLiabilityConvention: false } }`. */
  states?: Record<string, Partial<StateInput>>;
  organisations?: OrganisationInput[];
  mission?: Partial<MissionInput>;
  /** Further space objects, e.g. the satellite a mission collides with. */
  otherMissions?: MissionInput[];
  damage?: Partial<DamageInput>;
  date?: string;
  /** Whether the protocol's common fund was created (default true). */
  commonFundCreated?: boolean;
}

const letters = ['a', 'b', 'c', 'd', 'e'] as const;

/** The default mission: A launches a kinetic impactor from its own territory and flies it itself. */
export const baseMission: MissionInput = {
  id: 'm1',
  name: 'Impactor 1',
  kind: 'kinetic-impactor',
  launchedBy: ['a'],
  territoryOrFacilityOf: ['a'],
  operator: 'a',
  unMandate: 'none',
  nuclear: false,
  dueDiligence: 'exercised',
  priorConsultation: ['c'],
};

/** The default damage: A's spacecraft falls on C's territory on 1 June 2030 and hurts C's nationals. */
export const baseDamage: DamageInput = {
  id: 'd1',
  date: '2030-06-01',
  where: 'surface',
  cause: 'spacecraft',
  missionId: 'm1',
  victimState: 'c',
  victimsNationals: ['c'],
  victimsParticipating: false,
  amountMUsd: 10,
  claimantFault: 'none',
  bindingAgreement: false,
};

/** The input document of a story, before validation. */
export function storyInput(story: Story = {}): CaseInput {
  return {
    version: 1,
    date: story.date ?? '2030-12-31',
    states: letters.map((id) => ({
      id,
      name: `State ${id.toUpperCase()}`,
      iso3: `X${id.toUpperCase()}${id.toUpperCase()}`,
      partyToOst: true,
      partyToLiabilityConvention: true,
      partyToPtbt: true,
      ...story.states?.[id],
    })),
    organisations: story.organisations ?? [],
    missions: [{ ...baseMission, ...story.mission }, ...(story.otherMissions ?? [])],
    damages: [{ ...baseDamage, ...story.damage }],
    ...(story.commonFundCreated === undefined ? {} : { commonFundCreated: story.commonFundCreated }),
  };
}

/** The validated facts of a story; a story that does not validate is a bug in the test. */
export function storyCase(story: Story = {}): Case {
  const result = caseSchemaV1.safeParse(storyInput(story));
  if (!result.success) throw new Error(`story does not validate: ${JSON.stringify(result.error.issues)}`);
  return result.data;
}

/** B's satellite, for collisions: launched by B from its own territory. */
export const satelliteOfB: MissionInput = {
  id: 'sat-b',
  name: 'B-Sat',
  kind: 'other-space-object',
  launchedBy: ['b'],
  territoryOrFacilityOf: ['b'],
  operator: 'b',
  unMandate: 'none',
  nuclear: false,
};
