import type { Request, Response } from "@google-cloud/functions-framework";
import { z } from "zod";
import { ApiError, badRequest } from "../../functions/src/api/api-error.js";
import type { HttpHandler } from "../../functions/src/api/app.js";
import { readJsonBody, sendError, sendJson } from "../../functions/src/api/http-io.js";
import { zodIssues } from "../../functions/src/domain/validation-issue.js";
import type { DevTokens } from "./dev-tokens.js";

const devTokenRequestSchema = z.strictObject({
  email: z.email(),
  expiresInSeconds: z.int().min(-86_400).max(86_400).optional(),
  audience: z.string().min(1).optional(),
});

/**
 * The local stack's front: `POST /dev/token {"email"}` → `{"token"}`, everything else to the API.
 * Any e-mail gets a token (tests need non-members too); the API still decides what it may do.
 */
export function withDevTokenRoute(api: HttpHandler, tokens: DevTokens): HttpHandler {
  return async (req: Request, res: Response) => {
    if (new URL(req.originalUrl ?? req.url, "http://localhost").pathname !== "/dev/token") {
      return api(req, res);
    }
    try {
      if (req.method !== "POST")
        throw new ApiError(405, "method_not_allowed", "Use POST /dev/token.");
      const parsed = devTokenRequestSchema.safeParse(readJsonBody(req));
      if (!parsed.success) throw badRequest("Invalid token request.", zodIssues(parsed.error));
      sendJson(res, 200, { token: await tokens.sign(parsed.data) });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      sendError(res, error);
    }
  };
}
