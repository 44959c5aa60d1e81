import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  // Tests run in jsdom and mount components, which needs Svelte's browser build.
  resolve: mode === 'test' ? { conditions: ['browser'] } : undefined,
  // The font lives in ../assets (shared with the PDF reports).
  server: { fs: { allow: ['..'] } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'safari15', chunkSizeWarningLimit: 2000 },
  test: { environment: 'jsdom', include: ['src/**/*.test.ts'] },
}));
