import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** What a participant's browser must download before the first screen, gzipped (the budget). */
const INITIAL_JS_BUDGET_KB = 300;

/**
 * Prints the initial JavaScript after a build: the entry chunk and every chunk it imports
 * statically, gzipped — lazily loaded chunks (the world map's countries) are not counted.
 */
function reportInitialJs(): Plugin {
  return {
    name: 'deflect-initial-js',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])));
      const initial = new Set<string>();
      const visit = (fileName: string) => {
        if (initial.has(fileName)) return;
        initial.add(fileName);
        for (const imported of chunks.get(fileName)?.imports ?? []) visit(imported);
      };
      for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
      let rawBytes = 0;
      let gzipBytes = 0;
      for (const fileName of initial) {
        const code = chunks.get(fileName)!.code;
        rawBytes += Buffer.byteLength(code);
        gzipBytes += gzipSync(code).length;
      }
      const kb = (bytes: number) => (bytes / 1000).toFixed(1);
      const verdict = gzipBytes / 1000 <= INITIAL_JS_BUDGET_KB ? `within the ${INITIAL_JS_BUDGET_KB} kB budget` : `OVER the ${INITIAL_JS_BUDGET_KB} kB budget`;
      const line = `Initial JavaScript: ${kb(gzipBytes)} kB gzip (${kb(rawBytes)} kB minified, ${initial.size} chunk${initial.size === 1 ? '' : 's'}), ${verdict}.`;
      if (gzipBytes / 1000 > INITIAL_JS_BUDGET_KB) this.warn(line);
      else console.log(`\n${line}`);
    },
  };
}

// The game server (npm run dev) listens here; `vite` (dev) forwards the API and Colyseus to it.
const gameServerHttp = 'http://localhost:2567';
const gameServerWs = 'ws://localhost:2567';

export default defineConfig({
  root: 'client',
  plugins: [react(), reportInitialJs()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': { target: gameServerHttp, changeOrigin: true },
      // colyseus.js matchmaking: POST /matchmake/joinById/<roomId>, /matchmake/reconnect/<roomId>.
      '/matchmake': { target: gameServerHttp, changeOrigin: true },
      // The room's websocket, /<processId>/<roomId>?sessionId=… (or ?reconnectionToken=…);
      // the query keeps Vite's own HMR socket (/?token=…) out of the match.
      '^/[^/?]+/[^/?]+\\?.*(sessionId|reconnectionToken)=': { target: gameServerWs, ws: true, changeOrigin: true },
    },
  },
});
