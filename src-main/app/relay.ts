// The Electron transport: ONE invoke channel for every command and ONE send channel for every
// event. Requests are checked with the same helpers as the WebSocket transport (relayCall),
// after the sender check; events are already validated by the engine host.
import { ipcMain, type WebContents } from 'electron';
import { IPC_CHANNEL } from '../../src-shared/ipc.ts';
import { fail } from '../../src-shared/result.ts';
import type { EngineHost } from '../server/engine-host.ts';
import { relayCall } from '../server/validate.ts';
import { isTrustedSender } from './security.ts';

export interface RelayOptions {
  /** the window allowed to call (null while there is none) */
  contents: () => WebContents | null;
  devServerUrl?: string;
  log?: (msg: string) => void;
}

/** Registers the handler and the event forwarder; returns the function that removes both. */
export function registerRelay(engine: EngineHost, opts: RelayOptions): () => void {
  const log = opts.log ?? ((msg: string) => console.error(`[relay] ${msg}`));
  ipcMain.handle(IPC_CHANNEL.call, (event, name: unknown, req: unknown) => {
    if (!isTrustedSender(event, opts.contents(), opts.devServerUrl)) {
      log(`refused a call from an untrusted sender (${event.senderFrame?.url ?? 'unknown frame'})`);
      return fail('forbidden', 'calls are accepted only from the AlgoSpace window');
    }
    return relayCall(engine, name, req);
  });
  const off = engine.onEvent((topic, payload) => {
    const wc = opts.contents();
    if (wc && !wc.isDestroyed()) wc.send(IPC_CHANNEL.event, topic, payload);
  });
  return () => {
    ipcMain.removeHandler(IPC_CHANNEL.call);
    off();
  };
}
