import type http from 'node:http';

/**
 * `res.writeHead`, then `res`: restify, loaded in-process by other suites of the same jest run, puts its
 * own writeHead on ServerResponse.prototype, and that one returns nothing to chain on.
 */
export function writeHeadThen(res: http.ServerResponse, status: number, headers?: http.OutgoingHttpHeaders): http.ServerResponse {
  if (headers) res.writeHead(status, headers);
  else res.writeHead(status);
  return res;
}
