/** The apps whose exports `fittrack import` reads, and how Apple Health's many readings of a day become one check-in. */
export const IMPORT_APPS = ['strong', 'hevy', 'apple-health'] as const;
export type ImportApp = (typeof IMPORT_APPS)[number];

/** Which reading of a day becomes its check-in: the first (the morning weigh-in), the last, or their mean. */
export const DAILY_RULES = ['first', 'last', 'mean'] as const;
export type DailyRule = (typeof DAILY_RULES)[number];
