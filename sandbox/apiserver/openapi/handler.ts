import type http from 'node:http';
import { openApiV2Json, openApiV2Protobuf, openApiV2ProtobufContentType } from './openApiV2';
import { openApiV3DocumentText, openApiV3Index } from './index';

/**
 * Answers GET /openapi/v2, /openapi/v3 and /openapi/v3/<group-version>. Returns false for any other
 * path (or an unknown document), so the caller can answer 404 in its own way.
 */
export function serveOpenApi(pathname: string, accept: string | undefined, res: http.ServerResponse): boolean {
  const path = pathname.replace(/\/+$/, '');
  let body: Buffer;
  let contentType = 'application/json';
  if (path === '/openapi/v2') {
    if (accept?.includes('protobuf')) {
      body = openApiV2Protobuf();
      contentType = openApiV2ProtobufContentType;
    } else {
      body = Buffer.from(JSON.stringify(openApiV2Json()));
    }
  } else if (path === '/openapi/v3') {
    body = Buffer.from(JSON.stringify(openApiV3Index()));
  } else if (path.startsWith('/openapi/v3/')) {
    const text = openApiV3DocumentText(path);
    if (text === undefined) return false;
    body = Buffer.from(text);
  } else {
    return false;
  }
  res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.length, 'Cache-Control': 'no-cache, private', Vary: 'Accept' });
  res.end(body);
  return true;
}
