import { ActionsPanel } from './ActionsPanel.js';
import { ActorCard } from './ActorCard.js';
import { AgreementsPanel } from './AgreementsPanel.js';
import { ActorMessages } from './Messages.js';
import { MissionsBoard } from './MissionsBoard.js';
import { NewsFeed } from './NewsFeed.js';
import { OrdersForm } from './OrdersForm.js';
import { OutcomeBanner } from './OutcomeBanner.js';
import { ResultsTable } from './ResultsTable.js';
import { ThreatPanel } from './ThreatPanel.js';
import { TrustInMe } from './TrustPanel.js';
import { UnPanel } from './UnPanel.js';
import { WaitingForYou } from './WaitingForYou.js';
import { WorldMap } from './WorldMap.js';
import { selectEncounterPlayed, useDeflect } from './useDeflect.js';

/** The screen of a participant in an actor's seat; once the encounter is played, the controls that could no longer change it go. */
export function PlayerScreen() {
  const encounterPlayed = useDeflect(selectEncounterPlayed);
  return (
    <div className="player" data-testid="player-screen">
      <OutcomeBanner />
      <WaitingForYou />
      <WorldMap variant="player" />
      <div className="columns columns--three">
        <div className="column">
          <ActorCard />
          <ThreatPanel />
          <TrustInMe />
        </div>
        <div className="column">
          <ActorMessages />
        </div>
        <div className="column">
          {!encounterPlayed && <OrdersForm />}
          <ActionsPanel />
          <NewsFeed />
        </div>
      </div>
      <MissionsBoard />
      <div className="columns columns--two">
        <AgreementsPanel />
        <UnPanel />
      </div>
      <ResultsTable />
    </div>
  );
}
