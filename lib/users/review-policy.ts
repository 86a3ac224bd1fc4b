// S2 review timing, pure so the compliance record (and the browser) can state it.

// A grant whose review is this many days late is suspended until an admin confirms it.
export const REVIEW_GRACE_DAYS = 14;
// The access-review page lists grants whose review falls due within this many days.
export const REVIEW_SOON_DAYS = 14;
