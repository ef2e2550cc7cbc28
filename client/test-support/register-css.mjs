// Registered by .mocharc.json: see css-loader.mjs.
import { register } from 'node:module';

register('./css-loader.mjs', import.meta.url);
