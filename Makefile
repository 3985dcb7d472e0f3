# Entry points in the style of Mattermost's plugin starter template.
# `make run` installs, builds the plugin bundle and starts the sidecar;
# `make test` installs what the tests need and runs check-style, then every test;
# `make check-style` lints the webapp and the sidecar and type-checks the webapp's tests.

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

run: build dist
	npm start

setup: build
	npm run setup

doctor: build
	npm run doctor

clean:
	npm run clean
