// The sandboxed bridge: exactly two functions on window.algospace, for contract names only.
// No ipcRenderer, no channel choice and no Node reach the page. Imports only electron and the
// contract (bundled as CommonJS: a sandboxed preload cannot require node_modules).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANNEL, isCommandName, isEventTopic, type CommandName, type EventPayload, type EventTopic, type Req, type Res } from '../../src-shared/ipc.ts';

export interface AlgoSpaceBridge {
  invoke<N extends CommandName>(name: N, req: Req<N>): Promise<Res<N>>;
  /** returns the unsubscribe function */
  on<T extends EventTopic>(topic: T, fn: (payload: EventPayload<T>) => void): () => void;
}

const bridge: AlgoSpaceBridge = {
  invoke(name: unknown, req: unknown) {
    if (!isCommandName(name)) return Promise.reject(new Error(`unknown command: ${String(name)}`));
    return ipcRenderer.invoke(IPC_CHANNEL.call, name, req);
  },
  on(topic: unknown, fn: unknown) {
    if (!isEventTopic(topic)) throw new Error(`unknown event topic: ${String(topic)}`);
    if (typeof fn !== 'function') throw new Error('on(topic, fn): fn must be a function');
    const listener = (_e: IpcRendererEvent, t: unknown, payload: unknown) => {
      if (t === topic) fn(payload);
    };
    ipcRenderer.on(IPC_CHANNEL.event, listener);
    return () => { ipcRenderer.removeListener(IPC_CHANNEL.event, listener); };
  },
} as AlgoSpaceBridge;

contextBridge.exposeInMainWorld('algospace', bridge);
