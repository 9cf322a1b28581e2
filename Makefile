# vmplace — two commands do everything on a fresh Debian 12 machine with Swift:
#   make demo   install GLPK if missing, build release, solve and score the bundled Instances/
#   make test   install GLPK if missing, run the test suite
SWIFT ?= swift
VMPLACE = .build/release/vmplace
DEMO_OUT ?= Results/demo

.PHONY: demo test deps build release clean

# System dependencies: GLPK (libglpk-dev; glpk-utils brings glpsol, which the tests use to read
# back exported LP/MPS files) and SQLite (libsqlite3-dev, for GRDB: the capacity history).
# Installs with apt as root; otherwise says what to run.
deps:
	@if [ -f /usr/include/glpk.h ] && command -v glpsol >/dev/null 2>&1 && [ -f /usr/include/sqlite3.h ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  if [ -z "$$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ]; then apt-get update -qq; fi; \
	  apt-get install -y -qq libglpk-dev glpk-utils libsqlite3-dev >/dev/null || { apt-get update -qq && apt-get install -y -qq libglpk-dev glpk-utils libsqlite3-dev >/dev/null; }; \
	else \
	  echo "vmplace needs GLPK and SQLite. Install them with:  sudo apt-get install libglpk-dev glpk-utils libsqlite3-dev" >&2; exit 1; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product vmplace

test: deps
	$(SWIFT) test --disable-swift-testing

demo: release
	@sh scripts/demo.sh "$(VMPLACE)" "$(DEMO_OUT)"

clean:
	rm -rf .build
