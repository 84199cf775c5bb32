# syntax=docker/dockerfile:1
# The engine's image: one image for the API (the default command) and the worker
# (`node dist/apps/worker/src/main.js`). See docs/operations/packaging.md.
#
#   docker build -t service-guarantee .
#   docker run -p 3000:3000 -v sg-data:/var/lib/service-guarantee service-guarantee

ARG NODE_IMAGE=node:20-bookworm-slim

# Compilers for better-sqlite3, which builds from source with node-gyp. The image ships Node's
# headers under /usr/local, so node-gyp downloads none.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
WORKDIR /app

# TypeScript to JavaScript. No lifecycle script runs: the root's `prepare` would build before the
# sources are here, and compiling needs no native module.
FROM toolchain AS build
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --prefer-offline
COPY tsconfig.base.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
RUN npm run build

# The production dependencies, installed as on any production machine (`npm run
# install:production`, which test/packaging/production-install.test.ts runs too).
FROM toolchain AS production-dependencies
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm run install:production

# What runs: Node, the production dependencies, the compiled apps and the files they read at run
# time (templates and the pages' own assets). No compiler, no TypeScript, no sources.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
  PORT=3000 \
  DATA_DIR=/var/lib/service-guarantee
WORKDIR /app
# Owned by root and read-only to the engine: it can write nowhere but DATA_DIR (and /tmp).
COPY package.json package-lock.json ./
COPY --from=production-dependencies /app/node_modules node_modules
COPY --from=build /app/dist/apps dist/apps
COPY --from=build /app/dist/libs dist/libs
COPY libs/web/views libs/web/views
COPY libs/web/assets libs/web/assets
COPY libs/notifications/templates libs/notifications/templates
# Made here, owned by the engine's user, so a fresh volume mounted on either takes that owner;
# attachments is its own folder so several API nodes can share it (decision 0018).
RUN mkdir -p /var/lib/service-guarantee/attachments \
  && chown -R 1000:1000 /var/lib/service-guarantee \
  && chmod -R 0700 /var/lib/service-guarantee
# The image's `node` user, by number so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
# The slim image has no curl: Node asks /health, which answers 503 when the event store cannot be
# read. The worker has no /health (its probes are /health/live and /health/ready, on
# WORKER_HTTP_PORT): its container replaces this check (see docker-compose.yml).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
