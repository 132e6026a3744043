import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      // Libraries change rarely: a chunk of their own stays cached across releases and keeps the app chunk small.
      // ECharts (and its renderer zrender) stay out of it: only the lazily loaded dashboard uses them.
      output: {
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules[\\/](?!echarts|zrender)/ }] },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
