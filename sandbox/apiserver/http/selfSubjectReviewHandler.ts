import type http from 'node:http';
import type { UserInfo } from '../authn/tokenAuthenticator';
import { readBody } from './requestBody';
import { sendJson } from './respond';

/**
 * authentication.k8s.io/v1 SelfSubjectReview (`kubectl auth whoami`): the user the request was
 * authenticated as. The body carries nothing but metadata, so it is read and not interpreted.
 */
export async function serveSelfSubjectReview(user: UserInfo, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  await readBody(req);
  sendJson(res, 201, {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    status: { userInfo: { username: user.name, groups: user.groups } },
  });
}
