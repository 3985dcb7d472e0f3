# Entry points in the style of Mattermost's plugin starter template.
# Admins: `make build` installs the npm packages, builds the sidecar and writes the plugin bundle
# dist/plugnmeet-<version>.tar.gz; `make run` does that and starts the sidecar; `make setup`,
# `make doctor`. None of them installs system packages.
# Developers and CI only: `make test` also installs Debian's chromium and postgresql with apt
# (sudo) when they are missing, and runs check-style, then every test; `make check-style` lints
# the webapp and the sidecar and type-checks the webapp's tests.

.PHONY: all install build dist test check-style run setup doctor clean

all: dist

install:
	@node build/ensure-deps.mjs

build: install
	npm run build

dist: install
	npm run dist

test:
	npm test

check-style: install
	npm run check-style

run: build
	npm start

setup: build
	npm run setup

doctor: build
	npm run doctor

clean:
	npm run clean
