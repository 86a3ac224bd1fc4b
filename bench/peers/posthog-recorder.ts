// posthog-js's session recorder: the extension posthog-js loads when recording starts (rrweb fork,
// console and network plugins, the recording logic). PostHog ships it prebuilt, so this re-bundles
// and re-minifies their build with the same settings as everything else.
import "posthog-js/dist/posthog-recorder";
