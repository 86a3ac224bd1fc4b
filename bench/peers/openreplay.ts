// OpenReplay's tracker, as its npm guide has it (the recording worker is inlined in the package).
import Tracker from "@openreplay/tracker";

const tracker = new Tracker({ projectKey: "bench" });
void tracker.start();
