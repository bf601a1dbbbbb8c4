import type { ReactNode } from 'react';
import { ActionsPanel } from './ActionsPanel.js';
import { ActorCard } from './ActorCard.js';
import { AgreementsPanel } from './AgreementsPanel.js';
import { ActorMessages } from './Messages.js';
import { MissionsBoard } from './MissionsBoard.js';
import { NewsFeed } from './NewsFeed.js';
import { Notices } from './Notices.js';
import { OrdersForm } from './OrdersForm.js';
import { OutcomeBanner } from './OutcomeBanner.js';
import { ResultsTable } from './ResultsTable.js';
import { RoundSummary } from './RoundSummary.js';
import { Sections } from './Sections.js';
import type { PanelId } from './sections.js';
import { ThreatPanel } from './ThreatPanel.js';
import { TrustInMe } from './TrustPanel.js';
import { UnPanel } from './UnPanel.js';
import { WaitingForYou } from './WaitingForYou.js';
import { WorldMap } from './WorldMap.js';
import { selectEncounterPlayed, useDeflect } from './useDeflect.js';

/**
 * The screen of a participant in an actor's seat: what the table waits for first, then what
 * arrived for them (notices, the round's summary), then the sections (the phase's panels under "Now"); once the encounter is played, the controls that
 * could no longer change it go.
 */
export function PlayerScreen() {
  const encounterPlayed = useDeflect(selectEncounterPlayed);
  const panels: Record<PanelId, ReactNode> = {
    actor: <ActorCard />,
    news: <NewsFeed />,
    threat: <ThreatPanel />,
    trust: <TrustInMe />,
    map: <WorldMap variant="player" />,
    messages: <ActorMessages />,
    agreements: <AgreementsPanel />,
    un: <UnPanel />,
    missions: <MissionsBoard />,
    orders: encounterPlayed ? null : <OrdersForm />,
    actions: <ActionsPanel />,
    results: <ResultsTable />,
    outcome: <OutcomeBanner />,
  };
  return (
    <div className="player" data-testid="player-screen">
      <WaitingForYou />
      <Notices />
      <RoundSummary />
      <Sections panels={panels} />
    </div>
  );
}
