# Vigil in a container: build with the full toolchain, run with production dependencies only.
#   docker build -t vigil .
#   docker run -d --env-file .env -p 3000:3000 -v vigil-data:/app/data vigil
# Needs chat credentials in the environment: with none, Vigil would open the console adapter,
# which needs a terminal (see README, "Production").

# --- build: compile TypeScript (and the generated Prisma client) to dist/ ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY adapters ./adapters
RUN npm run build

# --- runtime: production dependencies, the compiled program, a non-root user ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=file:/app/data/vigil.db
WORKDIR /app
COPY package.json package-lock.json .npmrc prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY vigil.example.yaml ./
# The SQLite file lives on a volume, owned by the unprivileged user that runs Vigil.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "run", "start:prod"]
