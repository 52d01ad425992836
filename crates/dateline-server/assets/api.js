// The API client of the Dateline web UI: `api(path)` fetches JSON and turns
// every failure into an ApiError with a message fit to show.

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

export async function api(path, signal) {
  let res;
  try {
    res = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError('Could not reach the Dateline server.', 0);
  }
  let body = null;
  try {
    body = await res.json();
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
  }
  if (!res.ok) {
    const message = body && typeof body.error === 'string' ? body.error : `The server answered ${res.status}.`;
    throw new ApiError(message, res.status);
  }
  if (!body || typeof body !== 'object') throw new ApiError('The server sent an unreadable answer.', res.status);
  return body;
}
