# syntax=docker/dockerfile:1
#
# pv-lineage API image. Neo4j is not part of it: docker-compose.yml runs the
# official neo4j image next to it (or point NEO4J_URI at any 5.26 server).
#
#   docker build -t pv-lineage .
#   NEO4J_PASSWORD=... docker compose up --build

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- toolchain: what native modules need to compile --------------------------
# better-sqlite3 normally downloads a prebuilt binary; python3/make/g++ let it
# build from source when none matches (other CPU, libc, or no network to GitHub).
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./

# ---- build: compile TypeScript to dist/, bundle the explorer into dist/ui ----
# `npm run build` = tsc + scripts/build-ui.mjs (esbuild and cytoscape are dev
# dependencies, so only this stage has them; the runtime gets the bundle).
FROM toolchain AS build
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
RUN npm run build && test -s dist/ui/explorer.js && test -s dist/ui/index.html

# ---- prod-deps: runtime dependencies only ------------------------------------
# A separate stage so the runtime image gets neither dev dependencies nor the
# compiler toolchain.
FROM toolchain AS prod-deps
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# ---- runtime -------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Files stay owned by root: the unprivileged user can run the code, not change it.
COPY package.json package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
# dist/ holds the compiled API and dist/ui the lineage explorer it serves at /lineage.
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4000
# Node 20 has fetch built in, so no curl/wget is needed in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4000/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
