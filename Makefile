# Stemme: `make run` serves the demo, `make test` runs every test.
# Tool installs are idempotent: each is skipped when already present.

SHELL := /bin/bash
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export LEPTOS_ENV ?= PROD

WASM_BINDGEN_VERSION := 0.2.130
SITE := target/site
# The wasm builds in a target directory of its own, so that it can run while
# the server compiles (cargo locks a target directory per build).
WASM_TARGET := target/wasm
WASM := $(WASM_TARGET)/wasm32-unknown-unknown/wasm-release/app.wasm
PG_ADMIN_URL ?= postgres://postgres@127.0.0.1:5432/postgres
E2E_DIR := target/e2e
# The browser tests and the API fuzzer run the debug binary that the
# integration tests already built: a release build of the server is a second
# compilation of every dependency (~10 minutes on 2 cores) that `make test`
# does not need. `make run` and `make bench` use the release binary.
TEST_BIN := $(CURDIR)/target/debug/stemme
# The wasm compiles at low priority beside the server: it fills the gaps
# the server's compilation leaves (the app crate's long stretches on one
# core) instead of stretching the server's critical path. wasm-bindgen-cli
# (a new machine's one-time install) runs at normal priority and opt-level 1:
# it is on the wasm's path, and it runs for a fraction of a second per build
# either way (0.17 s against 0.15 s, the same output).
LOW := nice -n 15

.PHONY: screenshots api-fuzz bench bench-tools run run-release run-builds debug-server test tools rust-tools browser npm unit integration e2e e2e-sqlite e2e-postgres pg-check build site server-release test-builds debug-tests

# `make run` serves the debug build that `make test` runs its suites on: on
# a new 2-core machine it is ready in about half the time of the optimised
# release build (BENCHMARKS.md), which is what deployments and `make bench`
# use (`make build`, or `make run-release` to serve it).
run: run-builds
	@echo
	@echo "Åbn / open http://127.0.0.1:3000  (demo municipality: http://127.0.0.1:3000/k/demo)"
	@echo
	$(TEST_BIN) serve --demo --demo-ratings 4000

run-release: build
	target/release/stemme serve --demo --demo-ratings 4000

run-builds: npm
	$(MAKE) --no-print-directory -j2 --output-sync=target debug-server site

# Every binary of the workspace in the dev profile, resolved as the tests
# resolve it (`--workspace`), so `make test` reuses what this compiled.
debug-server:
	cargo build --workspace --bins

test: tools pg-check test-builds unit integration e2e api-fuzz
	@echo "make test: all suites passed"

# The debug build of every test and the browser's wasm, side by side. The
# suites that need them depend on this one target, so within one `make test`
# the site (wasm-bindgen, wasm-opt, compression) is made once, not per suite.
test-builds:
	$(MAKE) --no-print-directory -j2 --output-sync=target debug-tests site

debug-tests:
	cargo test --workspace --lib --bins --test it --test conformance --no-run

tools: rust-tools browser npm

# webauthn-rs (passkeys) links OpenSSL: its headers come from Debian.
rust-tools:
	@pkg-config --exists openssl 2>/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libssl-dev pkg-config)
	@rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@if ! wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)"; then \
		echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 3 minutes, once per machine)"; \
		CARGO_PROFILE_RELEASE_OPT_LEVEL=1 cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi

# Bad input against every API endpoint (schemathesis), on both engines.
api-fuzz: test-builds
	rm -rf target/fuzz && mkdir -p target/fuzz
	DATABASE_URL=sqlite:target/fuzz/stemme.db STEMME_BIN=$(TEST_BIN) end2end/api-fuzz/run.sh
	psql -q "$(PG_ADMIN_URL)" -c "DROP DATABASE IF EXISTS stemme_fuzz WITH (FORCE)" -c "CREATE DATABASE stemme_fuzz"
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/stemme_fuzz STEMME_BIN=$(TEST_BIN) end2end/api-fuzz/run.sh

# `make screenshots` (not part of `make test`): the main screens at 360 px and
# 1280 px into docs/screenshots/, from the demo with two years of ratings.
screenshots: test-builds
	rm -rf target/shots && mkdir -p target/shots docs/screenshots
	DATABASE_URL=sqlite:target/shots/stemme.db STEMME_DEMO=true STEMME_DEMO_RATINGS=4000 STEMME_BIN=$(TEST_BIN) \
		end2end/run.sh --config screenshots.config.ts

# `make bench` (not part of `make test`): every benchmark, tables into BENCHMARKS.md.
bench: build bench-tools pg-check
	bench/run.sh

bench-tools:
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	@command -v bc >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc)

browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

# node_modules is refreshed whenever package-lock.json changes, or when a
# tool the build needs is missing (wasm-opt comes from npm's binaryen 132:
# Debian's binaryen 108 makes a wasm that crashes in the browser).
npm:
	@if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -x end2end/node_modules/.bin/playwright ] \
		|| [ end2end/package-lock.json -nt end2end/node_modules/.stamp ]; then \
		(cd end2end && npm ci --no-audit --no-fund) && touch end2end/node_modules/.stamp; fi

pg-check:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not reachable on 127.0.0.1:5432: the tests need it (.ci/run starts it)"; exit 1; }

# Every cargo command of the tests names the whole workspace, so features
# resolve the same way in each and one debug build serves them all.
unit:
	cargo test --workspace --lib --bins

integration:
	cargo test --workspace --test it --test conformance

# The release build without cargo-leptos (which takes ~20 minutes to
# install): the server binary, then the browser's wasm through wasm-bindgen
# and wasm-opt, the CSS and the public files into target/site, each text file
# precompressed. `cargo leptos watch` still works for development. The two
# compilations run side by side: each has long stretches on one core (the
# app crate's front end, the wasm's link-time optimisation).
build: npm
	@echo "Bygger serveren og browserens wasm side om side / building the server and the browser's wasm side by side (each one's output shows when it is done)"
	$(MAKE) --no-print-directory -j2 --output-sync=target site server-release

server-release:
	cargo build --release -p server --bin stemme

site: rust-tools npm
	@command -v wasm-opt >/dev/null || { echo "wasm-opt is not on PATH (it comes from end2end/node_modules/.bin): run make npm"; exit 1; }
	CARGO_TARGET_DIR=$(WASM_TARGET) $(LOW) cargo build -p app --lib --target wasm32-unknown-unknown --profile wasm-release --no-default-features --features hydrate
	rm -rf $(SITE) && mkdir -p $(SITE)/pkg
	cp -R public/. $(SITE)/
	wasm-bindgen --target web --no-typescript --out-dir $(SITE)/pkg --out-name stemme $(WASM)
	wasm-opt -Oz $(SITE)/pkg/stemme_bg.wasm -o $(SITE)/pkg/stemme_bg.wasm
	cp style/main.css $(SITE)/pkg/stemme.css
	node end2end/precompress.mjs $(SITE)

# The browser tests run twice: against the embedded SQLite and against PostgreSQL.
e2e: test-builds e2e-sqlite e2e-postgres

e2e-sqlite:
	rm -rf $(E2E_DIR) && mkdir -p $(E2E_DIR)
	DATABASE_URL=sqlite:$(E2E_DIR)/stemme.db STEMME_DEMO=true STEMME_BIN=$(TEST_BIN) end2end/run.sh

e2e-postgres:
	psql -q "$(PG_ADMIN_URL)" -c "DROP DATABASE IF EXISTS stemme_e2e WITH (FORCE)" -c "CREATE DATABASE stemme_e2e"
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/stemme_e2e STEMME_DEMO=true STEMME_BIN=$(TEST_BIN) end2end/run.sh
