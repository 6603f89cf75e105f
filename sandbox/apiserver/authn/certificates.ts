import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

/**
 * The sandbox serves HTTPS like every real API server: a CA of its own signs the serving
 * certificate for 127.0.0.1 and localhost, and the kubeconfig carries the CA, so clients verify the
 * server instead of skipping verification. Made once per SANDBOX_DIR and kept.
 */
export interface ServingCertificates {
  caPem: string;
  certPem: string;
  keyPem: string;
}

function newKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    forgePrivate: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    forgePublic: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
}

function certificate(options: {
  subject: string;
  issuer: string;
  publicKey: forge.pki.PublicKey;
  signingKey: forge.pki.PrivateKey;
  isCA: boolean;
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = options.publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 60 * 60 * 1000);
  cert.setSubject([{ name: 'commonName', value: options.subject }]);
  cert.setIssuer([{ name: 'commonName', value: options.issuer }]);
  const extensions: object[] = options.isCA
    ? [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ]
    : [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 2, value: 'kubernetes' },
            { type: 2, value: 'kubernetes.default.svc' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ];
  cert.setExtensions(extensions);
  cert.sign(options.signingKey as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return cert;
}

export function loadOrCreateCertificates(dataDir: string): ServingCertificates {
  const file = path.join(dataDir, 'pki.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ServingCertificates;
  const caKeys = newKeyPair();
  const ca = certificate({ subject: 'sandbox-ca', issuer: 'sandbox-ca', publicKey: caKeys.forgePublic, signingKey: caKeys.forgePrivate, isCA: true });
  const serverKeys = newKeyPair();
  const serving = certificate({ subject: 'kube-apiserver', issuer: 'sandbox-ca', publicKey: serverKeys.forgePublic, signingKey: caKeys.forgePrivate, isCA: false });
  const result: ServingCertificates = {
    caPem: forge.pki.certificateToPem(ca),
    certPem: forge.pki.certificateToPem(serving),
    keyPem: serverKeys.privateKeyPem,
  };
  writeFileSync(`${file}.tmp`, JSON.stringify(result), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return result;
}
