/** The server's version, read once from its package.json (the one place it is written). */
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
