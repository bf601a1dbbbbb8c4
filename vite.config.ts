import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The game server (npm run dev) listens here; `vite` (dev) forwards the API and Colyseus to it.
const gameServerHttp = 'http://localhost:2567';
const gameServerWs = 'ws://localhost:2567';

export default defineConfig({
  root: 'client',
  plugins: [react()],
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
