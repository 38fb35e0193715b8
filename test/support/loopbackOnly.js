// Preloaded into a bot process (node --require) by tests that run it with libraries which may reach
// out on their own (the Azure Monitor distro probes the Azure VM metadata address at start-up).
// Every TCP connection to an address other than this machine is refused before anything is sent;
// at exit the refused hosts and the module files the process required are written to
// process.env.PROCESS_REPORT_FILE as JSON: { refusedHosts: string[], modules: string[] }.
'use strict';
const fs = require('node:fs');
const net = require('node:net');

const refusedHosts = [];
const isLoopback = (host) => host === 'localhost' || host === '::1' || /^127\./.test(host);
const connect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function connectToLoopbackOnly(...args) {
  // net.connect passes its normalized arguments as one array; direct callers pass options or (port, host).
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  const host = options.host ?? 'localhost';
  const isPipe = typeof options.path === 'string' && options.path !== '';
  if (isPipe || isLoopback(host)) return connect.apply(this, args);
  refusedHosts.push(host);
  process.nextTick(() => this.destroy(Object.assign(new Error(`connect EHOSTUNREACH ${host} (refused by the test)`), { code: 'EHOSTUNREACH' })));
  return this;
};

process.on('exit', () => {
  fs.writeFileSync(process.env.PROCESS_REPORT_FILE, JSON.stringify({ refusedHosts, modules: Object.keys(require.cache) }));
});
