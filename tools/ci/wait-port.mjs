// Waits (up to 20 s) until every host/port pair given on the command line accepts TCP connections.
import net from 'node:net';

const pairs = [];
for (let i = 2; i < process.argv.length; i += 2) pairs.push([process.argv[i], Number(process.argv[i + 1])]);
const deadline = Date.now() + 20_000;
const open = (host, port) => new Promise((resolve) => {
  const socket = net.connect(port, host, () => { socket.destroy(); resolve(true); });
  socket.on('error', () => resolve(false));
});
for (const [host, port] of pairs) {
  while (!(await open(host, port))) {
    if (Date.now() > deadline) { console.error(`timed out waiting for ${host}:${port}`); process.exit(1); }
    await new Promise((r) => setTimeout(r, 200));
  }
}
