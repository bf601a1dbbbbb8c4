import { SeatsTable, TruthPanel } from './ControlPanels.js';
import { TableRecord } from './TableRecord.js';
import { InjectTimeline } from './ControlTools.js';
import { ObservationPad, ObservationsList } from './Observations.js';
import { AllMessages } from './Messages.js';
import { NewsFeed } from './NewsFeed.js';
import { OutcomeBanner } from './OutcomeBanner.js';
import { ThreatPanel } from './ThreatPanel.js';

/** The evaluator's screen: everything the control cell sees, and a pad to record what they observe. */
export function EvaluatorScreen() {
  return (
    <div className="console" data-testid="evaluator-screen">
      <OutcomeBanner />
      <div className="columns columns--three">
        <div className="column">
          <ThreatPanel />
          <TruthPanel />
        </div>
        <div className="column">
          <SeatsTable />
          <NewsFeed />
        </div>
        <div className="column">
          <AllMessages composer={false} />
        </div>
      </div>
      <div className="columns columns--three">
        <div className="column">
          <InjectTimeline actions={false} />
        </div>
        <div className="column">
          <ObservationPad />
        </div>
        <div className="column">
          <ObservationsList />
        </div>
      </div>
      <TableRecord />
    </div>
  );
}
