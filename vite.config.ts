import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built to dist/renderer with relative asset paths, so the same files load from
// the browser host (http://127.0.0.1) and from Electron (file://).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: false, minify: !process.env.PREFLIGHT_NO_MINIFY, chunkSizeWarningLimit: 6000 },
  worker: { format: 'es' },
});
