import { randomUUID } from "node:crypto";
import { addMonths, type Month, monthOf } from "../../functions/src/domain/period.js";
import { createStores } from "../../functions/src/store/stores.js";
import { type Stack, type StackOptions, startStack } from "../../scripts/local/stack.js";

export interface TestStack extends Stack {
  /** A token from the stack's own `POST /dev/token`, as any client would get it. */
  token(email: string, extra?: { expiresInSeconds?: number; audience?: string }): Promise<string>;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
}

export interface CallOptions {
  token?: string;
  /** Sent as JSON; a string is sent as is (for malformed bodies). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the API answered
  body: any;
  text: string;
}

/** Starts the real local stack on a free port, in a Firestore project of its own. */
export async function startTestStack(options: Partial<StackOptions> = {}): Promise<TestStack> {
  const stack = await startStack({
    port: 0,
    demo: false,
    projectId: `test-${randomUUID().slice(0, 8)}`,
    ...options,
  });
  const call = async (
    method: string,
    path: string,
    { token, body, headers = {} }: CallOptions = {},
  ) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (token) (init.headers as Record<string, string>).authorization = `Bearer ${token}`;
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    }
    const response = await fetch(`${stack.url}${path}`, init);
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, text };
  };
  const token = async (email: string, extra = {}) => {
    const result = await call("POST", "/dev/token", { body: { email, ...extra } });
    if (result.status !== 200) throw new Error(`dev token for ${email}: ${result.text}`);
    return (result.body as { token: string }).token;
  };
  return { ...stack, call, token };
}

/** A small network: two municipalities, one staff member each, three areas. */
export async function seedSmallNetwork(stack: Stack) {
  const stores = createStores(stack.db);
  for (const [code, name] of [
    ["anagrafe", "Anagrafe"],
    ["tributi", "Tributi"],
    ["servizi-educativi", "Servizi educativi"],
  ] as const) {
    await stores.networks.putArea(stack.network, code, { name });
  }
  await stores.networks.putMunicipality(stack.network, "015182", {
    name: "Rho",
    province: "MI",
    population: 51_000,
  });
  await stores.networks.putMunicipality(stack.network, "028037", {
    name: "Este",
    province: "PD",
    population: 16_300,
  });
  await stores.members.put(stack.network, "staff@rho.test", {
    role: "staff",
    municipality: "015182",
  });
  await stores.members.put(stack.network, "staff@este.test", {
    role: "staff",
    municipality: "028037",
  });
  return {
    rho: "015182",
    este: "028037",
    rhoStaff: "staff@rho.test",
    esteStaff: "staff@este.test",
  };
}

/** The last complete month: open for staff whatever today is (it locks 60 days after its end). */
export function openMonth(): Month {
  return addMonths(monthOf(new Date()), -1);
}

export function sampleMonth(overrides: Record<string, unknown> = {}) {
  return {
    procedures: [
      { code: "ANA-01", name: "Carta d'identità", area: "anagrafe", total: 120, desk: 95 },
      { code: "TRI-01", name: "TARI", area: "tributi", total: 40, desk: 10 },
    ],
    service: {
      visits: 1800,
      meanWaitMinutes: 11.5,
      servedWithinTarget: 1500,
      surveyResponses: 140,
      surveySatisfied: 121,
      complaints: 3,
      openingHoursWeekly: 38,
    },
    ...overrides,
  };
}
