// Runs s3rver (an S3-compatible server from npm) on a loopback port for the tests: `node s3rver.mjs PORT DIR`.
import S3rver from 's3rver';

const [port, directory] = [Number(process.argv[2]), process.argv[3]];
const server = new S3rver({ address: '127.0.0.1', port, directory, silent: true });
await server.run();
console.log(`s3rver listening on 127.0.0.1:${port}`);
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close().then(() => process.exit(0)));
