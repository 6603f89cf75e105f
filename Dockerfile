# StatefulSet Explorer, the dashboard, as a container image.
#
#   docker build -t sts-explorer:0.1.0 .
#   docker run --rm -p 3000:3000 --read-only --tmpfs /tmp -e DASHBOARD_TOKEN="$(openssl rand -hex 24)" \
#     -v "$HOME/.kube/config:/kubeconfig:ro" -e CLUSTER=kubeconfig -e KUBECONFIG=/kubeconfig sts-explorer:0.1.0
#
# In a cluster it runs from manifests/dashboard (CLUSTER=in-cluster, its ServiceAccount's token).
# Four stages: all dependencies (to build), production dependencies (to run), the Next.js build,
# and the runtime, which gets only what `npm start` runs: node --import tsx server.ts.

ARG NODE_IMAGE=node:22-bookworm-slim

# --- every dependency, dev ones included: next build type-checks and compiles Tailwind.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- production dependencies only. tsx is one of them: server.ts runs through it.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- the Next.js build.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# The build cache only speeds up the next build (the runtime gets a fresh one under /tmp), and
# public/ is optional in a Next app: make sure the runtime's COPY always has a source.
RUN node node_modules/next/dist/bin/next build && rm -rf .next/cache && mkdir -p public

# --- the runtime: owned by root, run by uid 1000, so the process cannot change its own code.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000 \
    HOME=/tmp \
    SANDBOX_DIR=/tmp/sandbox
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build /app/public ./public
COPY package.json next.config.js tsconfig.json server.ts ./
COPY lib ./lib
# The embedded sandbox, for `docker run` without any cluster (CLUSTER=auto finds no kubeconfig).
# It binds 127.0.0.1 inside the container and keeps its state in SANDBOX_DIR under /tmp.
COPY sandbox ./sandbox
COPY manifests/demo ./manifests/demo
# Next.js writes its runtime cache (images, fetch cache) under .next/cache. The root file system is
# read-only, so that directory is a link into /tmp, created by the start command below: a link to a
# directory that does not exist makes Node's recursive mkdir fail with ENOTDIR.
RUN ln -s /tmp/next-cache /app/.next/cache

# Numeric, so that the kubelet can verify runAsNonRoot (uid 1000 is the image's `node` user).
USER 1000:1000
EXPOSE 3000

# /api/health answers without asking the cluster. The token is sent when there is one, so the check
# passes whether or not the server exempts the health route from DASHBOARD_TOKEN.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const t=process.env.DASHBOARD_TOKEN;fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health',{headers:t?{authorization:'Bearer '+t}:{}}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# The same command `npm start` ends with (scripts/start.mjs), without its rebuild check: the build is
# baked in and the file system is read-only. exec, so that node is PID 1 and gets SIGTERM.
CMD ["sh", "-c", "mkdir -p /tmp/next-cache && exec node --import tsx server.ts"]
