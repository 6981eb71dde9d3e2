// The demo page (static/) and the tiny server `distill demo` uses to serve it with an exported student.
export { startDemoServer, STATIC_DIR, type DemoServer, type DemoServerOptions } from './server.js';
