import { adminRoutes } from "./admin";
import { custodyRoutes } from "./custody";
import { deskRoutes } from "./desk";
import { embedRoutes } from "./embed";
import { foundationRoutes } from "./foundation";
import { recorderRoutes } from "./recorder";
import { retentionRoutes } from "./retention";
import type { Entry } from "./types";

// Every area's rows; a key present in two areas is a mistake the spec reports.
export const AREAS: Record<string, Record<string, Entry>> = { foundationRoutes, recorderRoutes, deskRoutes, adminRoutes, retentionRoutes, custodyRoutes, embedRoutes };
