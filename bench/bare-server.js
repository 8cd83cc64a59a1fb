// The baseline: node:http answering one HTML document from memory, nothing else.
import fs from "node:fs";
import http from "node:http";

const [port, file] = process.argv.slice(2);
if (!file) throw new Error("usage: node bench/bare-server.js <port> <html file>");
const html = fs.readFileSync(file);
http
  .createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": html.length });
    res.end(html);
  })
  .listen(Number(port), "127.0.0.1");
