// Sentry's browser SDK without session replay: the baseline for the replay share.
import * as Sentry from "@sentry/browser";

Sentry.init({ dsn: "https://public@sentry.example/1" });
