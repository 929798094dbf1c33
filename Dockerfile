# runpage serve in a container (docs/deploy.md).
#   docker build -t runpage .
#   docker run -p 127.0.0.1:8080:8080 -v /data/wandb:/runs:ro \
#     -v /etc/runpage/token:/run/secrets/runpage-token:ro runpage \
#     /runs --host 0.0.0.0 --port 8080 --auth-token-file /run/secrets/runpage-token

# The build: every dependency, then the package's dist/.
FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# What runs: the runtime dependencies, dist/ and the command line; no sources, no dev tools.
FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /opt/runpage
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY bin ./bin
USER node
EXPOSE 8080
# Alive when /api answers at all (401 too: the check has no token).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/api').then((r) => process.exit(r.status < 500 ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/runpage.js", "serve"]
CMD ["/runs", "--host", "0.0.0.0", "--port", "8080"]
