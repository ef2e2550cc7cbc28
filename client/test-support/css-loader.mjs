/**
 * Node module hooks for the unit tests: a component's `import './X.css'` (bundled by Vite in the
 * app) loads as an empty module under mocha, which renders components without a browser.
 */
export async function load(url, context, nextLoad) {
  if (url.endsWith('.css')) return { format: 'module', source: '', shortCircuit: true };
  return nextLoad(url, context);
}
