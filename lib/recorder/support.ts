// Bundle entry of public/sdk/replaydesk-support.js, loaded by the loader on the first
// Replaydesk.openSupport() call. Independent of recording consent: a customer who refused
// recording can still ask for help (the ticket then has no session).
import { openSupportDialog } from "./support-form";

window.Replaydesk?._attachSupport((api) => openSupportDialog(api));
