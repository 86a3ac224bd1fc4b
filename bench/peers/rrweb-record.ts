// rrweb's recorder alone, as a publisher wiring it by hand would: record() with default options
// into an array (sending the events is left out, so this is a lower bound).
import { record } from "@rrweb/record";

const events: unknown[] = [];
record({ emit: (event) => void events.push(event) });
