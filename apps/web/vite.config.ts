import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** In development the station runs beside Vite (see README); its routes are proxied. */
const station = process.env.BANGBAN_DEV_STATION ?? "http://127.0.0.1:8701";
const proxied = ["/trpc", "/api", "/print", "/healthz"];

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: station }])),
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // antd alone is ~1 MB before gzip; it is served on the LAN and cached after the first load.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
            },
            {
              name: "antd",
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+)[\\/]/,
            },
            // ECharts and its renderer, loaded with the dashboard only.
            { name: "echarts", test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            // pdf.js, loaded with the first PDF scan shown (its worker is a file of its own).
            { name: "pdfjs", test: /node_modules[\\/]pdfjs-dist[\\/]/ },
            { name: "vendor", test: /node_modules/ },
          ],
        },
      },
    },
  },
});
