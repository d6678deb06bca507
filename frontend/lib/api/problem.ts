import type { ProblemDetail } from "./types";

/** Client-side codes for failures that never reached the API or that it did not describe. */
export const NETWORK_ERROR = "NETWORK_ERROR";
export const UNEXPECTED_RESPONSE = "UNEXPECTED_RESPONSE";

export interface FieldError {
  field: string;
  message: string;
}

/** A failed API call, carrying the problem+json `code` the backend guarantees to be stable. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly fieldErrors: FieldError[];
  /** Seconds from `Retry-After` on 429 answers. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: string;
    detail?: string;
    fieldErrors?: FieldError[];
    retryAfterSeconds?: number | null;
  }) {
    super(init.detail ?? init.code);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** True when retrying the same request later may succeed (network trouble, overload, server fault). */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function fallbackCode(status: number): string {
  if (status === 401) return "UNAUTHENTICATED";
  if (status === 403) return "NOT_ALLOWED";
  if (status === 404) return "NOT_FOUND";
  if (status === 429) return "RATE_LIMITED";
  if (status >= 500) return "INTERNAL_ERROR";
  return UNEXPECTED_RESPONSE;
}

/** Turns a non-2xx response into an ApiError, reading problem+json when the body is one. */
export async function problemFromResponse(response: Response): Promise<ApiError> {
  let problem: ProblemDetail = {};
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      problem = (await response.json()) as ProblemDetail;
    } catch {
      problem = {};
    }
  }
  return new ApiError({
    status: response.status,
    code: typeof problem.code === "string" ? problem.code : fallbackCode(response.status),
    detail: problem.detail ?? problem.title,
    fieldErrors: Array.isArray(problem.errors) ? problem.errors : [],
    retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")),
  });
}

export function networkError(cause: unknown): ApiError {
  const error = new ApiError({ status: 0, code: NETWORK_ERROR, detail: "The server could not be reached." });
  (error as { cause?: unknown }).cause = cause;
  return error;
}
