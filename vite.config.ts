import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { staticAssets } from './scripts/vite-static-assets.ts';

const dir = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export const alias = {
  '@domain': dir('./src/domain'),
  '@web': dir('./src/web'),
  '@server': dir('./src/server'),
  '@sandbox': dir('./src/sandbox'),
};

export default defineConfig({
  plugins: [react(), staticAssets()],
  resolve: { alias },
  // The manifest (dist/.vite/, never served) tells the server which chunks to preload with the landing screen.
  build: { outDir: 'dist', chunkSizeWarningLimit: 1500, manifest: true },
  worker: { format: 'es' },
  server: {
    port: 5173,
    proxy: { '/api': { target: `http://127.0.0.1:${process.env.PORT ?? 3000}`, changeOrigin: false } },
  },
});
