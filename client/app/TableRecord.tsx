import { AgreementsPanel } from './AgreementsPanel.js';
import { SpendingTable } from './ControlPanels.js';
import { MissionsBoard } from './MissionsBoard.js';
import { ResultsTable } from './ResultsTable.js';
import { TrustMatrix } from './TrustPanel.js';
import { UnPanel } from './UnPanel.js';

/** What the whole table has done so far, as the control cell reads it: missions, agreements, UN votes, trust, results and spending. */
export function TableRecord() {
  return (
    <>
      <MissionsBoard />
      <div className="columns columns--two">
        <AgreementsPanel />
        <UnPanel />
      </div>
      <TrustMatrix />
      <ResultsTable />
      <SpendingTable />
    </>
  );
}
