# The two commands of the quick start (`make demo`, `make test`) and the other entry points.
# Every target installs missing Debian packages first (scripts/install-deps is idempotent).
JOBS ?= $(shell nproc)

.PHONY: all build deps demo test asan-test faults bench fuzz install deb clean

all: build

deps:
	@scripts/install-deps build

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target watchdesk

demo: build
	@echo "== watchdesk replay -c config/demo.toml --from config/demo-archive"
	@echo "   (bundled snapshots of 2026-05-20, replayed at their own time; nothing fetched, nothing sent)"
	@./build/watchdesk replay -c config/demo.toml --from config/demo-archive; rc=$$?; \
	  if [ $$rc -gt 1 ]; then echo "demo: watchdesk replay exited $$rc" >&2; exit $$rc; fi; \
	  echo; \
	  echo "That was offline: the snapshots replayed at 2026-05-20T23:00:00Z, replay exit status $$rc (1 = triggers would have fired)."; \
	  echo "For real: set user_agent and channels in config/watchdesk.toml, then ./build/watchdesk run -c config/watchdesk.toml"

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

# The fault suite in its long mode (CI runs the short mode inside `make test`); figures in build/faults-report.txt.
faults:
	@scripts/install-deps test
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target watchdesk watchdesk_tests
	@rm -f build/faults-report.txt
	@WATCHDESK_FAULTS=long WATCHDESK_FAULTS_REPORT=$(CURDIR)/build/faults-report.txt \
	  ./build/tests/watchdesk_tests --run_test='faults_*' --log_level=test_suite --report_level=short; rc=$$?; \
	  echo; echo "== fault suite, long mode: figures"; cat build/faults-report.txt; exit $$rc

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

deb: deps
	@cmake -S . -B build/deb -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
	  -DWATCHDESK_BUILD_TESTS=OFF -DWATCHDESK_BUILD_BENCH=OFF >/dev/null
	@cmake --build build/deb -j $(JOBS) --target watchdesk
	@cd build/deb && cpack

clean:
	@rm -rf build
