// posthog-js itself: what a page embeds; it downloads its recorder (posthog-recorder.ts) lazily
// when session recording is on.
import posthog from "posthog-js";

posthog.init("phc_bench", { api_host: "https://posthog.example" });
