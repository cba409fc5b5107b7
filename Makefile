# Targets that need PostgreSQL run through scripts/with-postgres, which uses
# TENANTQ_TEST_DATABASE_URL, else a throw-away pg_virtualenv cluster, else no
# database (tests that need one then skip, or fail under CI=true).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

GO ?= go
WITH_PG := scripts/with-postgres
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

# Fuzz targets as package:FuzzName, each run for FUZZTIME: the checker, the placeholder
# normaliser, the config loader, the schema reader, the ignore-directive parser and the cursor
# decoder. The release check runs each for ten minutes, one after the other:
#
#	make fuzz FUZZTIME=10m
#
# A crasher is written to the package's testdata/fuzz/FuzzName/; commit it, and plain go test
# replays it from then on.
FUZZ_TARGETS ?= ./sqlcheck:FuzzCheck ./sqlcheck:FuzzNormalize \
	./config:FuzzLoad ./config:FuzzSchema ./internal/ignore:FuzzParseSQL \
	./cursor:FuzzDecode ./cursor:FuzzRoundTrip ./internal/sqltext:FuzzPsql
FUZZTIME ?= 60s

.PHONY: demo test bench bench-vet fuzz lint

# The worked example, examples/saas: what tenantvet finds in it (one deliberate finding), then
# its API run as two tenants against a throw-away PostgreSQL. It builds tenantvet and the demo
# once each into bin/, saying what it builds first (see examples/saas/Makefile).
demo:
	$(MAKE) --no-print-directory -C examples/saas demo

# The examples are a module of their own (examples/go.mod): they hold deliberate findings, and
# the repository's own packages stay clean under tenantvet.
test:
	$(WITH_PG) bash -c '$(GO) test -race -p 2 -count=1 ./... && cd examples && $(GO) test -race -p 2 -count=1 ./...'

bench:
	$(WITH_PG) $(GO) test -run '^$$' -bench . -skip BenchmarkVet -benchmem -count 10 ./... | tee bench.txt

# tenantvet against go vet, each run as a command; every run takes seconds.
bench-vet:
	$(GO) test -run '^$$' -bench BenchmarkVet -benchtime 2x -count 6 ./cmd/tenantvet | tee bench-vet.txt

fuzz:
	for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*} name=$${t#*:}; \
		$(GO) test -list "^$$name\$$" "$$pkg" | grep -x "$$name" >/dev/null || \
			{ echo "fuzz: no $$name in $$pkg" >&2; exit 1; }; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) "$$pkg"; \
	done

# gofmt, go vet, staticcheck and tenantvet on the project. The examples module holds deliberate findings:
# tenantvet -C examples ./... shows them.
lint:
	@files=$$(find . -name '*.go' -not -path '*/testdata/*' -not -path './.git/*'); \
	unformatted=$$(gofmt -l $$files); \
	if [[ -n $$unformatted ]]; then echo "gofmt -l: not formatted:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	cd examples && $(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	cd examples && $(GO) run $(STATICCHECK) ./...
	$(GO) run ./cmd/tenantvet ./...
