# The two commands of the quick start (`make demo`, `make test`) and the other entry points.
# Every target installs missing Debian packages first (scripts/install-deps is idempotent).
JOBS ?= $(shell nproc)

.PHONY: all build deps demo test asan-test bench fuzz install clean

all: build

deps:
	@scripts/install-deps build

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

demo: deps build
	@./build/watchdesk check -c config/demo.toml; rc=$$?; \
	  ./build/watchdesk status -c config/demo.toml; \
	  echo; \
	  echo "That was the offline demo (bundled snapshots, state in config/demo-state.db; exit code $$rc)."; \
	  echo "For real: edit config/watchdesk.toml (user_agent, channels), then: ./build/watchdesk run -c config/watchdesk.toml"

test:
	@scripts/install-deps test
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)
	@ctest --preset release

asan-test:
	@scripts/install-deps test
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan

bench:
	@scripts/install-deps bench
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)
	@bench/run-all

fuzz:
	@scripts/install-deps fuzz
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@fuzz/run-all $${FUZZ_SECONDS:-60}

install: build
	@cmake --install build

clean:
	@rm -rf build
