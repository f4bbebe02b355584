/** Time units used by the funnel (all times are Unix milliseconds). */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
