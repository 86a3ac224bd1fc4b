// The rrweb variant of the recording-cost figure: rrweb's recorder with its default options on the
// same page, keeping events in memory (sending them is left out: a lower bound for rrweb).
import { record } from "@rrweb/record";

const events: unknown[] = [];
(window as unknown as { benchRrwebEvents: unknown[] }).benchRrwebEvents = events;
record({ emit: (event) => void events.push(event) });
