# Entry points in the style of Mattermost's plugin starter template.
# `make run` installs, builds the plugin bundle and starts the sidecar;
# `make test` installs what the tests need and runs every test.

.PHONY: all install build dist test run setup doctor clean

all: dist

install:
	@node build/ensure-deps.mjs

build: install
	npm run build

dist: install
	npm run dist

test:
	npm test

run: build dist
	npm start

setup: build
	npm run setup

doctor: build
	npm run doctor

clean:
	npm run clean
