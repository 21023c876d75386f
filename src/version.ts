declare const __FITTRACK_VERSION__: string | undefined;

/** fittrack's version, set at build time from package.json. */
export const VERSION: string = typeof __FITTRACK_VERSION__ === 'string' ? __FITTRACK_VERSION__ : '0.0.0-dev';
