# The README's commands. `make test` installs what the tests need — the
# Debian packages of scripts/debian-packages.sh when it runs as root on
# Debian (it says what it skipped otherwise) and the Versity S3 gateway —
# and runs every test.
GO ?= go
GOBIN := $(shell $(GO) env GOPATH)/bin
export PATH := $(PATH):$(GOBIN)

.PHONY: test test-race test-deps vet run bench bench-quick bench-binaries fuzz load

test: test-deps vet
	$(GO) test -count=1 -timeout 40m ./...
	@$(MAKE) --no-print-directory test-race

# The packages whose state is shared between goroutines and whose tests
# drive it from many at once, again under the race detector: the index's
# result cache and computing slots, search's fragment and city caches,
# the blob stores' conformance suite (concurrent puts of one key) and the
# login throttle's turns. The pipeline (ingest) and the readers
# (ingest/extract) are left out: under the detector they take ten minutes
# each on two cores, and a sandbox child cannot run under its address-space
# limit with the detector's shadow memory.
RACE_PACKAGES := ./index ./search ./blob ./auth

test-race:
	$(GO) test -race -count=1 -timeout 25m $(RACE_PACKAGES)

test-deps:
	@bash scripts/debian-packages.sh install
	@bash scripts/versitygw.sh

vet:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

run:
	$(GO) run ./cmd/evidence serve

# Benchmarks (never part of `make test`; see bench/README.md). The benchmark
# is its own binary; the archive runs as child processes of the built
# evidence binary so its memory is measured alone.
bench: bench-binaries
	bench/out/evidence-bench --evidence bench/out/evidence --docs 50000 --out bench/results.json

bench-quick: bench-binaries
	bench/out/evidence-bench --evidence bench/out/evidence --quick --out bench/out/results-quick.json

bench-binaries:
	$(GO) build -o bench/out/evidence ./cmd/evidence
	$(GO) build -o bench/out/evidence-bench ./cmd/evidence-bench

# Fuzzing (never part of `make test`, which runs only the seeds): each
# target of ingest/extract/fuzz_test.go for FUZZTIME. A new interesting
# input is minimised for at most FUZZMINIMIZE, so that short runs fuzz
# rather than minimise; a crasher is written to
# ingest/extract/testdata/fuzz/<Target>/ and is a regression seed from then on.
# Then the fields' anchored matching (ingest/fields) against its regexps.
FUZZTIME ?= 30s
FUZZMINIMIZE ?= 2s
FUZZ_TARGETS := FuzzPDF FuzzZipFormats FuzzOFD FuzzText FuzzRTF FuzzOLE FuzzImage FuzzSniff FuzzNormalize FuzzRAR Fuzz7z

fuzz:
	@for t in $(FUZZ_TARGETS); do \
		echo "== $$t for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) ./ingest/extract || exit 1; \
	done
	@echo "== FuzzAnchoredMatchesTheRegexp for $(FUZZTIME)"
	$(GO) test -run '^$$' -fuzz '^FuzzAnchoredMatchesTheRegexp$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) ./ingest/fields
	@echo "== FuzzDropSpacesAsReference for $(FUZZTIME)"
	$(GO) test -run '^$$' -fuzz '^FuzzDropSpacesAsReference$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) ./ingest/fields
	@echo "== FuzzEncodeTextIsMarshal for $(FUZZTIME)"
	$(GO) test -run '^$$' -fuzz '^FuzzEncodeTextIsMarshal$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) ./ingest

# Load (never part of `make test`; a two-second smoke of it is): LOAD_UPLOADERS
# uploaders and LOAD_SEARCHERS searchers for LOAD_DURATION against a real
# `evidence serve` started on a temporary data folder. To load a running
# archive instead: bench/out/evidence-load --server URL --token T.
LOAD_UPLOADERS ?= 16
LOAD_SEARCHERS ?= 32
LOAD_DURATION ?= 60s

load:
	$(GO) build -o bench/out/evidence ./cmd/evidence
	$(GO) build -o bench/out/evidence-load ./cmd/evidence-load
	bench/out/evidence-load --evidence bench/out/evidence --uploaders $(LOAD_UPLOADERS) \
		--searchers $(LOAD_SEARCHERS) --duration $(LOAD_DURATION)
