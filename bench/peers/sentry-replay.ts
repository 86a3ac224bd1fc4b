// Sentry's browser SDK with its session replay integration, as Sentry's setup guide has it.
import * as Sentry from "@sentry/browser";

Sentry.init({
  dsn: "https://public@sentry.example/1",
  integrations: [Sentry.replayIntegration()],
  replaysSessionSampleRate: 0.1,
  replaysOnErrorSampleRate: 1.0,
});
