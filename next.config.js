/** @type {import('next').NextConfig} */
const nextConfig = {
  // client-node and ws are Node-only packages with optional native parts: keep them out of the bundle.
  serverExternalPackages: ['@kubernetes/client-node', 'ws'],
  poweredByHeader: false,
  reactStrictMode: true,
  // The dashboard is served by our own server.ts; Next must not answer on its own.
  typescript: { ignoreBuildErrors: false },
};
module.exports = nextConfig;
