// A static file server for the benchmarks (node:http, 127.0.0.1, port chosen by the OS):
// several folders mounted at URL prefixes, longest prefix first. GET and HEAD only;
// folders serve their index.html; no `..` escapes; `Cache-Control: no-cache` on every
// response (every page load of the benchmark uses a fresh browser context anyway).
// No compression: both systems are served the same way, and sizes are reported apart.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  wasm: 'application/wasm',
  json: 'application/json',
  geojson: 'application/geo+json',
  map: 'application/json',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
};

/**
 * `mounts`: { '/url/prefix/': '/folder', … } (prefixes end with '/'; '/' is the fallback).
 * Resolves to { origin, close() }.
 */
export async function startServer(mounts) {
  const table = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix, path.resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  const server = http.createServer((req, res) => {
    const send = (status, body = '') => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, 'bad request');
    }
    if (urlPath.includes('\0') || urlPath.split('/').includes('..')) return send(403, 'forbidden');
    const mount = table.find(([prefix]) => urlPath.startsWith(prefix) || `${urlPath}/` === prefix);
    if (!mount) return send(404, 'not found');
    const [prefix, dir] = mount;
    let file = path.join(dir, urlPath.slice(prefix.length));
    if (!file.startsWith(dir)) return send(403, 'forbidden');
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        if (!urlPath.endsWith('/')) {
          res.writeHead(301, { Location: `${urlPath}/` });
          return res.end();
        }
        file = path.join(file, 'index.html');
      }
      fs.readFile(file, (err2, data) => {
        if (err2) return send(404, 'not found');
        res.writeHead(200, {
          'Content-Type': TYPES[path.extname(file).slice(1).toLowerCase()] ?? 'application/octet-stream',
          'Content-Length': data.length,
          'Cache-Control': 'no-cache',
        });
        res.end(req.method === 'HEAD' ? undefined : data);
      });
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
