# Entry points in the style of Mattermost's plugin starter template.
# Admins: `make build` installs the npm packages, builds the sidecar and writes the plugin bundle
# dist/plugnmeet-<version>.tar.gz; `make run` does that and starts the sidecar; `make setup`,
# `make doctor`. None of them installs system packages. Each part is rebuilt only when a file it
# is made from changed, so with nothing changed `make run` starts the sidecar at once.
# Developers and CI only: `make test` also installs Debian's chromium and postgresql with apt
# (sudo) when they are missing, and runs check-style, then every test; `make check-style` lints
# the webapp and the sidecar and type-checks the webapp's tests.

.PHONY: all install build dist test check-style run setup doctor clean

all: dist

DEPS := node_modules/.package-lock.json
CONTRACTS := contracts/dist/index.js
SIDECAR := sidecar/dist/main.js
WEBAPP := webapp/dist/main.js
TSC := node_modules/.bin/tsc
sources = $(shell find $(1) -type f ! -name '*.test.ts' ! -name '*.test.tsx')

install: $(DEPS)

# npm ci when node_modules is missing or older than the lockfile.
$(DEPS): package-lock.json
	@node build/ensure-deps.mjs

$(CONTRACTS): $(DEPS) $(call sources,contracts/src) contracts/package.json contracts/tsconfig.json contracts/tsconfig.cjs.json
	npm run --silent build -w @plugnmeet/contracts
	@touch $@

$(SIDECAR): $(CONTRACTS) $(call sources,sidecar/src) sidecar/package.json sidecar/tsconfig.json
	$(TSC) -p sidecar/tsconfig.json
	@node build/sidecar-bin.mjs
	@touch $@

$(WEBAPP): $(CONTRACTS) $(call sources,webapp/src) webapp/package.json webapp/webpack.config.js webapp/tsconfig.json plugin.json
	cd webapp && ../node_modules/.bin/webpack --mode=production
	@touch $@

# The bundle's name carries the version computed from git, so it is packed every time (a fraction of a second).
build: $(SIDECAR) dist

dist: $(WEBAPP)
	@node build/bundle.mjs

test:
	npm test

check-style: install
	npm run check-style

# The sidecar says what is missing when it cannot start (exit code 2); that is an answer, not a make error.
run: build
	@node build/start.mjs || [ $$? -eq 2 ]

setup: $(SIDECAR)
	@node build/start.mjs setup

doctor: $(SIDECAR)
	@node build/start.mjs doctor

clean:
	npm run clean
