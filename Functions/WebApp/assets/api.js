// The JSON API under /api, with its problem details turned into errors a page can show.

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

/** contentType: send body as it is (a file the reader chose) with that type; without it, body is sent as JSON. */
export async function api(path, { method = 'GET', body, contentType } = {}) {
  let response;
  try {
    response = await fetch(`/api/${path}`, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': contentType ?? 'application/json' },
      body: body === undefined || contentType ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'The service could not be reached', 'check the connection and try again');
  }

  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      // Not problem details: the status line is all there is.
    }
    throw new ApiError(response.status, problem.title ?? response.statusText ?? 'Error', problem.detail ?? '');
  }

  return response.status === 204 ? null : response.json();
}

export const path = (...parts) => parts.map(encodeURIComponent).join('/');
