# syntax=docker/dockerfile:1
# CalOS container image. Build stage: all dependencies, the web client built with Vite.
# Runtime stage: Node 24 (LTS) with production dependencies only, as the unprivileged `node` user.
# See docs/deployment.md.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/patch-dependencies.mjs ./scripts/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build --logLevel warn

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/patch-dependencies.mjs ./scripts/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=5001 \
    CALOS_DATA_DIR=/data \
    CALOS_CLIENT_DIR=/app/dist/client
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json tsconfig.json ./
COPY --chown=node:node server ./server
COPY --chown=node:node shared ./shared
COPY --chown=node:node database ./database
COPY --chown=node:node extensions ./extensions
COPY --from=build --chown=node:node /app/dist/client ./dist/client
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 5001
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||5001)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "server/main.ts"]
