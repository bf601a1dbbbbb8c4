// A worker process of the load tool (`--workers N`): plays its share of the tables and sends
// its counts to the parent, so one load process saturating a core does not cap the load.
import { sendThenDisconnect } from './ipc.js';
import { emptyCounts } from './stats.js';
import { playTables, type FromWorker, type ToWorker } from './run.js';

const counts = emptyCounts();
let stopped = false;
let measuredFrom = 0;
let commandsAtMeasure = 0;
const cpu0 = process.cpuUsage();
const tell = (m: FromWorker) => process.send!(m);

process.on('message', (m: ToWorker) => {
  switch (m.kind) {
    case 'start':
      void playTables(m.options, counts, { seated: () => tell({ kind: 'seated' }), stopped: () => stopped, error: (line) => console.error(`table error: ${line}`) }).then((outcomes) => {
        const u = process.cpuUsage(cpu0);
        sendThenDisconnect({ kind: 'done', counts, measuredFrom, commandsAtMeasure, cpuMs: (u.user + u.system) / 1000, outcomes } satisfies FromWorker);
      });
      break;
    case 'measure':
      measuredFrom = counts.latenciesMs.length;
      commandsAtMeasure = counts.commandsSent;
      break;
    case 'stop':
      stopped = true;
      break;
  }
});
