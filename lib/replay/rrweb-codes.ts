// rrweb's numeric codes that the server-side readers of a recording (timeline markers, the event
// list) look at, named once (the values of rrweb's EventType, IncrementalSource,
// MouseInteractions and snapshot NodeType enums).
export const EVENT_FULL_SNAPSHOT = 2;
export const EVENT_INCREMENTAL = 3;
export const EVENT_META = 4;
export const EVENT_CUSTOM = 5;
export const SOURCE_MUTATION = 0;
export const SOURCE_MOUSE_INTERACTION = 2;
export const SOURCE_INPUT = 5;
export const INTERACTION_CLICK = 2;
export const NODE_ELEMENT = 2;
export const NODE_TEXT = 3;
