import { all, type Entry } from "./types";

// The SDK's endpoints are public and authorised by site key and Origin, not by account: without a
// body every caller gets the same 400.
export const recorderRoutes: Record<string, Entry> = {
  "GET /demo/shop": { path: "/demo/shop", expect: all(200) },
  "POST /api/v1/ingest": { path: "/api/v1/ingest", expect: all(400) },
  "POST /api/v1/consent": { path: "/api/v1/consent", expect: all(400) },
  "POST /api/v1/tickets": { path: "/api/v1/tickets", expect: all(400) },
  "POST /api/v1/support-codes": { path: "/api/v1/support-codes", expect: all(400) },
  "GET /api/v1/sdk-config": { path: "/api/v1/sdk-config", expect: all(400) },
};
