import { useEffect, useState } from 'react';
import type { CommandType } from '../../shared/engine/commands.js';
import { useDeflect } from './useDeflect.js';

/**
 * Tracks one command a form sent and calls `onAccepted` once the server accepted it, so a
 * draft is cleared only then and kept when refused. Returns the function to record what was sent.
 */
export function useSentCommand(type: CommandType, onAccepted: () => void): (commandId: string | null | void) => void {
  const [sentCommandId, setSentCommandId] = useState<string | null>(null);
  const stillPending = useDeflect((s) => sentCommandId !== null && sentCommandId in s.pending);
  const failure = useDeflect((s) => s.failures[type] ?? null);
  useEffect(() => {
    if (sentCommandId === null || stillPending) return;
    if (failure?.commandId !== sentCommandId) onAccepted();
    setSentCommandId(null);
  }, [sentCommandId, stillPending, failure, onAccepted]);
  return (commandId) => setSentCommandId(commandId ?? null);
}
