import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { actorOfSeat } from '../../shared/engine/seats.js';
import type { Message } from '../../shared/engine/state.js';
import type { PublicActor } from '../../shared/engine/view.js';
import { formatClockTime } from './format.js';
import { sendMessage } from './intents.js';
import { TalkQuota } from './TalkQuota.js';
import { limitedFieldProps, TextLimit } from './TextLimit.js';
import { TEXT_LIMITS } from './textLimits.js';
import { useDeflect } from './useDeflect.js';

const NO_MESSAGES: Message[] = [];
const NO_ACTORS: PublicActor[] = [];

function useActorNames(): Map<string, string> {
  const actors = useDeflect((s) => s.view?.actors ?? NO_ACTORS);
  return new Map(actors.map((a) => [a.id, a.name]));
}

/** Who a message went to, in words: "Everyone" or the recipients' names. */
function recipientsOf(message: Message, names: Map<string, string>): string {
  if (message.to === 'public') return 'Everyone';
  if (message.to === 'delegation') return 'Their delegation';
  return message.to.map((id) => names.get(id) ?? id).join(', ');
}

function MessageItem({ message, showRecipients, names }: { message: Message; showRecipients: boolean; names: Map<string, string> }) {
  const channel = message.to === 'public' ? 'public' : message.to === 'delegation' ? 'delegation' : 'private';
  return (
    <li className={`message message--${channel}${message.from === 'facilitator' ? ' message--control' : ''}`} data-testid="message" data-message-id={message.id}>
      <p className="message__meta">
        <span className="message__from">{message.fromName}</span>
        {showRecipients && <span className="message__to"> → {recipientsOf(message, names)}</span>}
        <span className="message__time">
          Round {message.round} · {formatClockTime(message.at)}
        </span>
      </p>
      <p className="message__text">{message.text}</p>
    </li>
  );
}

/** The channels an actor can read: the public one and each private conversation it is part of. */
export function ActorMessages() {
  const messages = useDeflect((s) => s.view?.messages ?? NO_MESSAGES);
  const myActorId = useDeflect((s) => actorOfSeat(s.mySeat));
  const names = useActorNames();
  const publicMessages = messages.filter((m) => m.to === 'public');
  const delegationMessages = messages.filter((m) => m.to === 'delegation');
  const delegates = useDeflect((s) => s.view?.seats.find((x) => x.seat === s.mySeat)?.holders.length ?? 0);
  const conversations = new Map<string, { others: string[]; messages: Message[] }>();
  for (const m of messages) {
    if (m.to === 'public' || m.to === 'delegation') continue;
    const members = [...new Set([actorOfSeat(m.from) ?? m.from, ...m.to])].sort();
    const key = members.join('+');
    const others = members.filter((id) => id !== myActorId);
    const conversation = conversations.get(key) ?? { others, messages: [] };
    conversation.messages.push(m);
    conversations.set(key, conversation);
  }
  return (
    <section className="panel messages" aria-labelledby="messages-heading">
      <h2 id="messages-heading">Messages</h2>
      <div className="messages__channels">
        <div className="channel" data-testid="public-channel">
          <h3>Public channel</h3>
          <MessageList label="Public channel" messages={publicMessages} names={names} showRecipients={false} empty="Nothing said in public yet." />
        </div>
        {(delegates > 1 || delegationMessages.length > 0) && (
          <div className="channel" data-testid="delegation-channel">
            <h3>Your delegation ({delegates} {delegates === 1 ? 'person' : 'people'})</h3>
            <MessageList label="Delegation channel" messages={delegationMessages} names={names} showRecipients={false} empty="Nothing said in the delegation yet." />
          </div>
        )}
        <div className="channel" data-testid="private-channels">
          <h3>Private conversations</h3>
          {conversations.size === 0 && <p className="muted">No private conversations yet.</p>}
          {[...conversations.entries()].map(([key, c]) => (
            <div key={key} className="conversation" data-testid={`conversation-${c.others.join('+')}`}>
              <h4>With {c.others.map((id) => names.get(id) ?? id).join(', ')}</h4>
              <MessageList label={`Conversation with ${c.others.map((id) => names.get(id) ?? id).join(', ')}`} messages={c.messages} names={names} showRecipients={false} empty="" />
            </div>
          ))}
        </div>
      </div>
      <MessageComposer />
    </section>
  );
}

/** Every message of the exercise with its sender and recipients, for the control cell. */
export function AllMessages({ composer }: { composer: boolean }) {
  const messages = useDeflect((s) => s.view?.messages ?? NO_MESSAGES);
  const names = useActorNames();
  return (
    <section className="panel messages" aria-labelledby="all-messages-heading">
      <h2 id="all-messages-heading">All messages</h2>
      <MessageList label="All messages" messages={messages} names={names} showRecipients empty="No messages yet." />
      {composer && <MessageComposer />}
    </section>
  );
}

function MessageList({ label, messages, names, showRecipients, empty }: { label: string; messages: Message[]; names: Map<string, string>; showRecipients: boolean; empty: string }) {
  const listRef = useRef<HTMLOListElement>(null);
  // Keep the newest message in sight, as a chat does.
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [messages.length]);
  if (messages.length === 0) return empty ? <p className="muted">{empty}</p> : null;
  return (
    // tabIndex: a scrolling region must be reachable from the keyboard.
    <ol className="message-list" ref={listRef} tabIndex={0} aria-label={label}>
      {messages.map((m) => (
        <MessageItem key={m.id} message={m} names={names} showRecipients={showRecipients} />
      ))}
    </ol>
  );
}

/** Writes a message to everyone or, for actors, privately to one other actor. */
export function MessageComposer() {
  const recipients = useDeflect((s) => s.legal.privateRecipients);
  const isActor = useDeflect((s) => s.mySeat !== null && s.mySeat.startsWith('actor:'));
  const sender = useDeflect((s) => (s.mySeat === 'facilitator' ? 'Control' : null));
  const names = useActorNames();
  const [to, setTo] = useState<string>('public');
  const [text, setText] = useState('');
  const [sentCommandId, setSentCommandId] = useState<string | null>(null);
  const canSend = useDeflect((s) => sendMessage.isEnabled(s, to, text));
  const stillPending = useDeflect((s) => sentCommandId !== null && sentCommandId in s.pending);
  const failure = useDeflect((s) => s.failures.SendMessage ?? null);
  const toId = useId();
  const textId = useId();
  const countId = useId();

  // Clear the draft once the server accepted it; keep it when refused so nothing typed is lost.
  useEffect(() => {
    if (sentCommandId === null || stillPending) return;
    if (failure?.commandId !== sentCommandId) setText('');
    setSentCommandId(null);
  }, [sentCommandId, stillPending, failure]);

  useEffect(() => {
    if (to !== 'public' && !(to === 'delegation' && isActor) && !recipients.includes(to)) setTo('public');
  }, [to, recipients, isActor]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!canSend) return;
    setSentCommandId(sendMessage.perform(to, text) ?? null);
  }

  return (
    <form className="composer" onSubmit={submit} aria-label="Write a message">
      <div className="composer__row">
        <div className="field field--inline">
          <label htmlFor={toId}>To</label>
          <select id={toId} data-testid="message-to" value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="public">Everyone (public)</option>
            {isActor && <option value="delegation">My delegation only</option>}
            {recipients.map((id) => (
              <option key={id} value={id}>
                {names.get(id) ?? id} (private)
              </option>
            ))}
          </select>
        </div>
        {sender && <span className="composer__sender">Posting as {sender}</span>}
      </div>
      <div className="field">
        <label htmlFor={textId}>Message</label>
        <textarea
          id={textId}
          data-testid="message-text"
          rows={2}
          value={text}
          {...limitedFieldProps(countId, text, TEXT_LIMITS.message)}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
          }}
        />
        <TextLimit id={countId} text={text} limit={TEXT_LIMITS.message} testId="message-count" />
      </div>
      <TalkQuota testId="message-quota" />
      <button type="submit" className="button button--primary" data-testid="send-message" disabled={!canSend}>
        Send
      </button>
      {failure && (
        <p className="field-error" role="alert" data-testid="message-error">
          {failure.message}
        </p>
      )}
    </form>
  );
}
