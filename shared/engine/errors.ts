/** A rule violation: a namespaced code (`phase/not_orders`) and a sentence a person understands. */
export interface RuleError {
  code: RuleErrorCode;
  message: string;
}

export type RuleErrorCode =
  | 'exercise/ended'
  | 'exercise/not_started'
  | 'participant/unknown'
  | 'participant/already_joined'
  | 'seat/unknown'
  | 'seat/taken'
  | 'seat/none'
  | 'seat/already_seated'
  | 'seat/not_authorised'
  | 'role/not_facilitator'
  | 'role/not_actor'
  | 'role/cannot_post'
  | 'phase/not_orders'
  | 'phase/not_resolution'
  | 'phase/closed'
  | 'message/unknown_recipient'
  | 'message/to_self'
  | 'orders/over_budget'
  | 'orders/already_ready'
  | 'orders/none_submitted'
  | 'role/not_state'
  | 'role/not_un'
  | 'evacuation/already_ordered'
  | 'iawn/already_issued'
  | 'iawn/below_threshold'
  | 'mission/not_capable'
  | 'mission/unknown_type'
  | 'mission/unknown_provider'
  | 'mission/bad_provider'
  | 'mission/not_authoriser'
  | 'mission/already_launched'
  | 'mission/not_lead'
  | 'mission/not_ready'
  | 'mission/unknown'
  | 'mission/fully_funded'
  | 'agreement/unknown'
  | 'agreement/bad_parties'
  | 'agreement/bad_terms'
  | 'agreement/not_party'
  | 'agreement/closed'
  | 'agreement/not_proposer'
  | 'resolution/unknown'
  | 'resolution/closed'
  | 'resolution/bad_terms'
  | 'vote/not_state'
  | 'smpag/below_threshold'
  | 'smpag/already_convened'
  | 'claim/no_damage'
  | 'claim/not_victim'
  | 'claim/already_filed'
  | 'bid/not_company'
  | 'bid/unknown'
  | 'bid/too_cheap'
  | 'inkind/not_capable'
  | 'inkind/already'
  | 'tracking/no_observatories';

/** Builds a rule error; rules return these, they never throw them. */
export function ruleError(code: RuleErrorCode, message: string): RuleError {
  return { code, message };
}
