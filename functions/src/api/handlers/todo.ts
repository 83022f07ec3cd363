import { readTodos } from "../../services/todo.js";
import { forbidden, notFound } from "../api-error.js";
import type { RouteContext, RouteResult } from "../context.js";

/**
 * `GET /v1/me/todo`: for staff, their municipality's to-do; for a coordinator, every
 * municipality's (DESIGN §12). What it reads: the network document, then in one batched read the
 * network's calendars and, per municipality, its procedure codes, card index, up to 3 shards and
 * up to 2 calendars (`documentsRead` says how many).
 */
export async function getTodo({ caller, stores, now }: RouteContext): Promise<RouteResult> {
  if (caller.role === "scheduler") throw forbidden("The scheduler has no to-do.");
  const istats =
    caller.role === "coordinator"
      ? ("all" as const)
      : caller.municipality
        ? [caller.municipality]
        : [];
  const todos = await readTodos(stores, caller.network, istats, now());
  if (!todos) throw notFound(`Network ${caller.network} does not exist.`);
  const body =
    caller.role === "coordinator"
      ? todos
      : {
          today: todos.today,
          ...(todos.municipalities[0] ?? {}),
          documentsRead: todos.documentsRead,
        };
  return { status: 200, body };
}
