// The one place where a transport checks what crosses a boundary against the contract
// (src-shared/ipc.ts): requests on receipt, worker responses, event payloads. The engine host,
// the WebSocket transport and the Electron relay all call these, so there is one contract and
// one way of reporting a violation. Pure: no Node or Electron APIs.
import { commands, events, isCommandName, isEventTopic, type CommandName, type EventTopic } from '../../src-shared/ipc.ts';
import { fail, type Problem, type Result } from '../../src-shared/result.ts';

type Issue = { path: readonly PropertyKey[]; message: string };
type Failure = { ok: false; problem: Problem };

/** "a.b[0]" from a zod issue path; "(root)" for the value itself. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : `${out ? '.' : ''}${String(k)}`;
  return out || '(root)';
}

function issueFail(code: string, what: string, issues: readonly Issue[]): Failure {
  const first = issues[0];
  const field = first ? issuePath(first.path) : '(root)';
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
  return fail(code, `${what}: ${field}: ${first?.message ?? 'invalid'}${more}`, { field });
}

export type CheckedCall = { ok: true; name: CommandName; req: unknown };

/** Name known and request valid → the parsed request; else unknown-command / bad-request. */
export function checkCall(name: unknown, req: unknown): CheckedCall | Failure {
  if (!isCommandName(name)) return fail('unknown-command', `unknown command: ${JSON.stringify(name) ?? String(name)}`);
  const parsed = commands[name].req.safeParse(req);
  if (!parsed.success) return issueFail('bad-request', `${name}: invalid request`, parsed.error.issues);
  return { ok: true, name, req: parsed.data };
}

/** A worker's answer must match the command's response schema; else bad-response. */
export function checkResponse(name: CommandName, res: unknown): Result<unknown> {
  const parsed = commands[name].res.safeParse(res);
  if (!parsed.success) return issueFail('bad-response', `${name}: engine response does not match the contract`, parsed.error.issues);
  return parsed.data as Result<unknown>;
}

export type CheckedEvent = { ok: true; topic: EventTopic; payload: unknown };

/** Known topic and valid payload → the parsed payload; else a Problem to log (events are dropped, not answered). */
export function checkEvent(topic: unknown, payload: unknown): CheckedEvent | Failure {
  if (!isEventTopic(topic)) return fail('unknown-event', `unknown event topic: ${JSON.stringify(topic) ?? String(topic)}`);
  const parsed = events[topic].safeParse(payload);
  if (!parsed.success) return issueFail('bad-event', `${topic}: invalid payload`, parsed.error.issues);
  return { ok: true, topic, payload: parsed.data };
}

/** What a transport needs from the engine: the host, or anything shaped like it (tests). */
export interface CallTarget {
  call(name: CommandName, req: unknown): Promise<Result<unknown>>;
}

/**
 * Both transports' receive path: check name and request, then forward. An invalid request is
 * answered here and never reaches the engine. Never rejects.
 */
export async function relayCall(target: CallTarget, name: unknown, req: unknown): Promise<Result<unknown>> {
  const checked = checkCall(name, req);
  if (!checked.ok) return checked;
  try {
    return await target.call(checked.name, checked.req);
  } catch (e) {
    return fail('internal', `${checked.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
