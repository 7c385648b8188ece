# immtui: see README.md. Every target works from a clean checkout.
GO        ?= go
BIN       := bin/immtui
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X main.version=$(VERSION)
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
FUZZTIME  ?= 10s
# Minimizing a new input can eat the whole fuzz budget at 0 runs/s: cap it.
FUZZMINIMIZETIME ?= 1s

.PHONY: all build run serve test lint bench fuzz e2e clean

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

# The demo: an embedded IMM emulator with a generated dataset, browsed
# through the real client. No account needed.
run: build
	./$(BIN) --demo

# The emulator alone, for other clients and offline development.
serve: build
	./$(BIN) serve --addr 127.0.0.1:8080

test:
	$(GO) test -race -count=1 ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

# Every figure of issue #5 (BENCHMARKS.md): package benchmarks, then the
# program-level ones in perf/ (one run each: each op is a whole experiment;
# the 100,000-cluster fixture is paged in once, about a minute).
# perf/ benchmarks are whole experiments: one run each.
BENCH_PKGS = $$($(GO) list ./... | grep -v -e '/perf$$' -e '/perf/')
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count=1 $(BENCH_PKGS)
	$(GO) test -run '^$$' -bench . -benchtime 1x -count=1 -timeout 30m ./perf

# Short fuzzing of every fuzz target (CI runs this with FUZZTIME=10s).
fuzz:
	GO=$(GO) ./scripts/fuzz.sh $(FUZZTIME) $(FUZZMINIMIZETIME)

clean:
	rm -rf bin

# The program in a real terminal: tmux at 100x30 and 80x24, driven by keys.
e2e: build
	./scripts/e2e.sh 100x30 80x24
