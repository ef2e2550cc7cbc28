/**
 * Vite config for the VibeApp web client.
 *
 * Dev: `npm run dev -w client` binds 0.0.0.0:$CLIENT_PORT (3000) and proxies the API paths to
 * $API_PROXY_TARGET (http://localhost:8000), so the browser talks to a single origin. HMR uses the
 * page's own host and port (nothing hard-coded), so it keeps working behind port forwarding.
 * Set VITE_USE_POLLING=true where file-system events do not reach the watcher (some mounts, VMs).
 *
 * Build: always the production bundle, whatever NODE_ENV the shell or the repo's .env holds
 * (a .env copied from .env.example says development, which vite would otherwise obey).
 */
import path from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, loadEnv, type ProxyOptions } from 'vite';

export default defineConfig(({ command, mode }) => {
  // The repo-root .env (the same file the API reads); real environment variables win.
  // loadEnv would also hand the file's NODE_ENV to vite (VITE_USER_NODE_ENV): keep it out.
  const userNodeEnv = process.env.VITE_USER_NODE_ENV;
  const env = { ...loadEnv(mode, path.resolve(import.meta.dirname, '..'), ''), ...process.env };
  if (userNodeEnv === undefined) delete process.env.VITE_USER_NODE_ENV;
  if (command === 'build') {
    // Read by vite right after this function returns (isProduction, preact devtools, package exports).
    process.env.NODE_ENV = 'production';
    delete process.env.VITE_USER_NODE_ENV;
  }
  const apiTarget = env.API_PROXY_TARGET || `http://localhost:${env.API_PORT || 8000}`;
  const clientPort = Number(env.CLIENT_PORT || 3000);
  const usePolling = (env.VITE_USE_POLLING ?? '').toLowerCase() === 'true';

  const proxied = ['/api', '/health', '/docs', '/openapi.json'];
  const proxy: Record<string, ProxyOptions> = Object.fromEntries(
    proxied.map((prefix) => [prefix, { target: apiTarget, changeOrigin: true }]),
  );

  return {
    root: import.meta.dirname,
    plugins: [preact()],
    server: {
      host: '0.0.0.0',
      port: clientPort,
      strictPort: true,
      proxy,
      watch: usePolling ? { usePolling: true, interval: 300 } : undefined,
    },
    preview: { host: '0.0.0.0', port: clientPort, strictPort: true, proxy },
    // Pre-bundle the dependencies up front so a first visit never triggers a dependency re-optimisation reload.
    optimizeDeps: {
      include: [
        'preact',
        'preact/hooks',
        'preact/jsx-runtime',
        'preact/debug',
        'preact-iso',
        'lightweight-charts',
      ],
    },
    build: {
      outDir: path.join(import.meta.dirname, 'dist'),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      reportCompressedSize: false,
    },
  };
});
