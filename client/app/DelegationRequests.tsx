import type { DelegationRequestView } from '../../shared/engine/view.js';
import { answerDelegationRequest } from './intents.js';
import { useActorNames } from './useActorNames.js';
import { useDeflect } from './useDeflect.js';

// Joining a delegation takes its consent: whoever asks waits until one of its members (or the
// facilitator) lets them in. Both see the requests here, with the buttons the server allows.

const NO_REQUESTS: DelegationRequestView[] = [];

/** The pending requests to join a delegation that this seat may answer (a member's own delegation; every one for the facilitator). */
export function useAnswerableDelegationRequests(): DelegationRequestView[] {
  const requests = useDeflect((s) => s.view?.delegationRequests ?? NO_REQUESTS);
  const answerable = useDeflect((s) => s.legal.answerableDelegationRequests);
  return requests.filter((r) => answerable.includes(r.id));
}

/** One request with Accept and Decline, as a list item. */
export function DelegationRequestItem({ request, showActor }: { request: DelegationRequestView; showActor: boolean }) {
  const name = useActorNames();
  const canAnswer = useDeflect((s) => answerDelegationRequest.isEnabled(s, request.id));
  const who = request.participantName;
  return (
    <li className="waiting__item delegation-request" data-testid={`delegation-request-${request.id}`} data-participant={request.participantId}>
      <span>
        <strong>{who}</strong> asks to join {showActor ? `${name(request.actorId)}’s delegation` : 'your delegation'}: they would read its briefing and
        private messages and speak for it.
      </span>
      <span className="button-row">
        <button
          type="button"
          className="button button--small button--primary"
          data-testid={`accept-delegation-${request.id}`}
          aria-label={`Accept ${who} into ${showActor ? `${name(request.actorId)}’s` : 'your'} delegation`}
          disabled={!canAnswer}
          onClick={() => answerDelegationRequest.perform(request.id, true)}
        >
          Accept
        </button>
        <button
          type="button"
          className="button button--small"
          data-testid={`decline-delegation-${request.id}`}
          aria-label={`Decline ${who}’s request`}
          disabled={!canAnswer}
          onClick={() => answerDelegationRequest.perform(request.id, false)}
        >
          Decline
        </button>
      </span>
    </li>
  );
}

/** The failure of the last answer to a delegation request, as a sentence next to the requests. */
export function DelegationAnswerFailure() {
  const failure = useDeflect((s) => s.failures.AnswerDelegationRequest?.message ?? null);
  if (!failure) return null;
  return (
    <p className="field-error" role="alert" data-testid="delegation-answer-error">
      {failure}
    </p>
  );
}

/** The facilitator's list of every pending request to join a delegation; nothing when there is none. */
export function DelegationRequestsPanel() {
  const requests = useAnswerableDelegationRequests();
  const failure = useDeflect((s) => s.failures.AnswerDelegationRequest?.message ?? null);
  if (requests.length === 0 && !failure) return null;
  return (
    <section className="panel waiting" aria-labelledby="delegation-requests-heading" data-testid="delegation-requests">
      <h2 id="delegation-requests-heading">Asking to join a delegation</h2>
      <p className="muted">A delegation’s members can answer too; the first answer counts.</p>
      {requests.length > 0 && (
        <ul className="waiting__list">
          {requests.map((r) => (
            <DelegationRequestItem key={r.id} request={r} showActor />
          ))}
        </ul>
      )}
      <DelegationAnswerFailure />
    </section>
  );
}
