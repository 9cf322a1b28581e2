# vmplace — two commands do everything on a fresh Debian 12 machine with Swift:
#   make demo   install GLPK and CBC if missing, build release, solve and score the bundled Instances/
#   make test   install GLPK and CBC if missing, run the test suite
SWIFT ?= swift
# Where apt keeps its package lists and where GLPK's header lives (variables so tests can point
# them elsewhere).
APT_LISTS ?= /var/lib/apt/lists
GLPK_HEADER ?= /usr/include/glpk.h
VMPLACE = .build/release/vmplace
DEMO_OUT ?= Results/demo

.PHONY: demo test deps build release docs lint clean

# System dependencies: GLPK (libglpk-dev, the default MIP backend), CBC (coinor-libcbc-dev, the
# second backend, `--solver cbc`), SQLite (libsqlite3-dev, for GRDB: the capacity history);
# glpk-utils brings glpsol, which the tests use to read back exported LP/MPS files. Installs with
# apt as root; otherwise says what to run. The package lists are fetched first when none is
# there (a fresh image has only `auxfiles` and `lock` in /var/lib/apt/lists), so a newcomer
# never sees "Unable to locate package".
DEPS_APT = libglpk-dev glpk-utils coinor-libcbc-dev libsqlite3-dev
deps:
	@if [ -f "$(GLPK_HEADER)" ] && command -v glpsol >/dev/null 2>&1 && [ -f /usr/include/coin/Cbc_C_Interface.h ] && [ -f /usr/include/sqlite3.h ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  if ! ls "$(APT_LISTS)"/*_Packages* >/dev/null 2>&1; then apt-get update -qq; fi; \
	  apt-get install -y -qq $(DEPS_APT) >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq $(DEPS_APT) >/dev/null; }; \
	else \
	  echo "vmplace needs GLPK, CBC and SQLite. Install them with:  sudo apt-get install $(DEPS_APT)" >&2; exit 1; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product vmplace

test: deps
	$(SWIFT) test --disable-swift-testing

demo: release
	@sh scripts/demo.sh "$(VMPLACE)" "$(DEMO_OUT)"

# The DocC catalogues, with every symbol link checked (warnings are errors); CI runs it.
docs: deps
	$(SWIFT) package --disable-sandbox generate-documentation --target SolvePipeline --warnings-as-errors

# swift-format's rules with .swift-format (scripts/lint.sh says which are off and why); CI runs it.
lint:
	@bash scripts/lint.sh

clean:
	rm -rf .build
