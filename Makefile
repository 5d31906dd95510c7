# eimon - Weekly Economic Impact Monitor builder.
# Plain GNU make. `make demo` and `make test` do all set-up (scripts/deps.sh).

VERSION    := 0.1.0
PREFIX     ?= /usr/local
DESTDIR    ?=
BUILD      ?= build
CC         ?= cc
OPT        ?= -O2 -g
SAN        ?=
PKGS       := libcurl libcjson yaml-0.1 libdeflate libcmark xlsxwriter

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wwrite-strings -Wvla -Wformat=2 \
        -Wno-format-nonliteral
ifneq ($(CI),)
WARN += -Werror
endif
# HPDF_INTERPOSE=0 leaves out the replacements of libharu internals
# (src/backend/pdf/hpdf_*.c): needed to link a static libhpdf.
HPDF_INTERPOSE ?= 1

# libcurl: headers only; http_curl.c opens it at run time (dlopen) when a
# transfer needs it, so runs that fetch nothing do not pay for loading it.
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(filter-out libcurl,$(PKGS)) 2>/dev/null)

CPPFLAGS += -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
            -DEIMON_VERSION='"$(VERSION)"' \
            -DEIMON_DATADIR='"$(PREFIX)/share/eimon"'
ifeq ($(HPDF_INTERPOSE),0)
CPPFLAGS += -DEIMON_NO_HPDF_INTERPOSE
endif
CFLAGS   += -std=c11 -pthread $(WARN) $(OPT) $(SAN) $(PKG_CFLAGS) -MMD -MP
LDFLAGS  += -pthread $(SAN)
LDLIBS   += $(PKG_LIBS) -lhpdf -lpng -lz -lm -ldl

# src/ has a folder per stage (docs/design.md); a file added at the top
# level builds too.
LIB_SRCS  := $(filter-out src/main.c,$(wildcard src/*.c src/*/*.c src/*/*/*.c))
LIB_OBJS  := $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o)
LIB       := $(BUILD)/libeimon.a
BIN       := $(BUILD)/eimon
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
TEST_HELPERS := $(wildcard tests/unit/helpers/*.c)
# eimon with the file-system fault-injection shim linked in
# (tests/fi/fi_shim.c; tests/e2e/t64-faults.sh drives it).
FI_BIN    := $(BUILD)/tests/eimon-fi
FI_WRAP   := open openat write pwrite fsync fdatasync close rename renameat \
             syscall mkdir mkdirat unlink unlinkat rmdir link symlink
DEMO_WEEK := 2026-W47

# `make V=1` shows the full commands.
ifeq ($(V),1)
Q :=
else
Q := @
endif

.PHONY: all deps deps-test demo test test-bins unit e2e asan tsan valgrind install clean \
        lint fuzz fuzz-build bench check-build

all: $(BIN)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJS)
	@rm -f $@
	@$(if $(Q),echo "  AR      $@")
	$(Q)ar rcs $@ $^

$(BIN): $(BUILD)/obj/main.o $(LIB)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(TEST_HELPERS) $(LIB)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  TEST    $@")
	$(Q)$(CC) $(CPPFLAGS) -Itests/unit -Itests/unit/helpers $(CFLAGS) -o $@ $< $(TEST_HELPERS) \
		$(LIB) $(LDFLAGS) $(LDLIBS) -lcmocka

# Link-time wrapping (not LD_PRELOAD): works the same under ASan, TSan
# and valgrind, and only eimon's own calls are redirected.
$(BUILD)/tests/eimon-fi: $(BUILD)/obj/main.o $(LIB) tests/fi/fi_shim.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  TEST    $@")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ tests/fi/fi_shim.c \
		$(BUILD)/obj/main.o $(LIB) $(LDFLAGS) \
		$(foreach f,$(FI_WRAP),-Wl,--wrap=$(f)) $(LDLIBS)

deps:
	@sh scripts/deps.sh build

deps-test:
	@sh scripts/deps.sh test
	@sh tests/browser/setup.sh

demo: deps
	@$(MAKE) --no-print-directory -s all
	@$(BIN) build -c samples/wmca/monitor.yaml --week $(DEMO_WEEK) \
		--offline --out out
	@echo "out/$(DEMO_WEEK)/monitor.pdf"
	@echo "(a second sample, Greater Manchester: $(BIN) build -c samples/gmca/monitor.yaml --week $(DEMO_WEEK) --offline --out out/gmca)" >&2

# Everything the suite runs (tests/mutate.sh rebuilds this after each
# mutation).
test-bins: all $(UNIT_BINS) $(FI_BIN)

test: deps-test
	@$(MAKE) --no-print-directory test-bins
	@sh tests/run.sh $(BUILD)

# The suite under AddressSanitizer + UndefinedBehaviorSanitizer, the
# install check left out and the fault sweeps at every 4th call
# (tests/lists/asan.list). run.sh runs TEST_JOBS tests at a time (cores).
asan: deps-test
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1 -g" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
		all $(UNIT_BINS:$(BUILD)/%=build/asan/%) build/asan/tests/eimon-fi
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 EIMON_FI_STEP=4 \
		sh tests/run.sh build/asan tests/lists/asan.list

# The tests whose builds run threads (tests/lists/tsan.list) under
# ThreadSanitizer: a build renders its editions on worker threads.
tsan: deps-test
	@$(MAKE) --no-print-directory BUILD=build/tsan OPT="-O1 -g" \
		SAN="-fsanitize=thread -fno-omit-frame-pointer" \
		all $(UNIT_BINS:$(BUILD)/%=build/tsan/%) build/tsan/tests/eimon-fi
	@TSAN_OPTIONS=halt_on_error=1:exitcode=66 sh tests/run.sh build/tsan \
		tests/lists/tsan.list

valgrind:
	@sh scripts/deps.sh valgrind
	@$(MAKE) --no-print-directory BUILD=build/vg OPT="-O0 -g" all \
		$(UNIT_BINS:$(BUILD)/%=build/vg/%) build/vg/tests/eimon-fi
	@EIMON_WRAP="valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite" \
		sh tests/run.sh build/vg tests/lists/valgrind.list

# Fuzzing with clang's libFuzzer: every tests/fuzz/fuzz_*.c (but the shared
# fuzz_targets.c) is a target linked into build/fuzz/ against a library built
# by clang with coverage (fuzzer-no-link) and ASan+UBSan. `make fuzz
# FUZZ_SECONDS=N` runs each target N seconds, FUZZ_JOBS at a time, and fails
# on any crash, leak or timeout (tests/fuzz/run.sh).
FUZZ_SECONDS ?= 60
FUZZ_JOBS    ?= 2
FUZZ_SAN  := -fsanitize=fuzzer-no-link,address,undefined \
             -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SRCS := $(filter-out tests/fuzz/fuzz_targets.c,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=build/fuzz/%)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_targets.c \
		tests/fuzz/fuzz_targets.h $(LIB)
	$(CC) $(CPPFLAGS) -Itests/fuzz $(CFLAGS) -o $@ $< \
		tests/fuzz/fuzz_targets.c $(LIB) $(LDFLAGS) -fsanitize=fuzzer \
		$(LDLIBS)

fuzz-build:
	@sh scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang OPT="-O1 -g" \
		SAN="$(FUZZ_SAN)" $(FUZZ_BINS)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_JOBS)

# Static analysis: cppcheck and clang-tidy over src/, configured by the
# checked-in .cppcheck-suppressions and .clang-tidy; any finding fails.
LINT_DEFS := -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
             -DEIMON_VERSION='"$(VERSION)"' -DEIMON_DATADIR='"x"'
# Library headers (cJSON) as system headers; the multiarch dir is left to
# clang's defaults (ahead of its own stdarg.h it breaks va_list analysis).
LINT_SYS  := $(patsubst -I%,-isystem %,$(filter-out \
             -I/usr/include/$(shell $(CC) -dumpmachine 2>/dev/null),$(PKG_CFLAGS)))

lint:
	@sh scripts/deps.sh lint
	cppcheck -j "$$(nproc)" --quiet --std=c11 --enable=warning,style,performance,portability \
		--inline-suppr --suppressions-list=.cppcheck-suppressions \
		--error-exitcode=1 $(LINT_DEFS) src/
	@$(MAKE) --no-print-directory -j"$$(nproc)" $(TIDY_STAMPS)

# clang-tidy one file at a time, on every core; a stamp per clean file.
TIDY_STAMPS := $(patsubst %.c,build/lint/%.tidy,$(LIB_SRCS) src/main.c)
build/lint/%.tidy: %.c $(wildcard include/*.h src/*/*.h src/*/*/*.h) .clang-tidy
	@mkdir -p $(@D)
	@echo "  TIDY    $<"
	@clang-tidy --quiet $< -- -std=c11 $(LINT_DEFS) $(LINT_SYS)
	@touch $@

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/eimon/report_templates \
		$(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/doc/eimon
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/eimon
	install -m 644 docs/configuration.md docs/editors.md docs/operators.md \
		$(DESTDIR)$(PREFIX)/share/doc/eimon/
	install -m 644 report_templates/*.yaml $(DESTDIR)$(PREFIX)/share/eimon/report_templates/
	if [ -f docs/eimon.1 ]; then install -m 644 docs/eimon.1 $(DESTDIR)$(PREFIX)/share/man/man1/eimon.1; fi

# Benchmarks (issue 9, BENCHMARKS.md); not part of `make test`. The binary
# is built -O2 in its own folder; the generated inputs (about 1 GB) stay in
# build/bench for reruns.
BENCH_DIR := build/bench
bench: deps
	@$(MAKE) --no-print-directory -s BUILD=$(BENCH_DIR)/O2 OPT=-O2 SAN= \
		$(BENCH_DIR)/O2/eimon
	@$(CC) -std=c11 $(WARN) -O2 -o $(BENCH_DIR)/gen tests/bench/gen.c
	@$(CC) -std=c11 $(WARN) -O2 -o $(BENCH_DIR)/measure tests/bench/measure.c
	@sh tests/bench/run.sh $(BENCH_DIR)/O2/eimon $(BENCH_DIR)
	@sh tests/bench/national.sh $(BENCH_DIR)/O2/eimon $(BENCH_DIR)

clean:
	rm -rf build out

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/*/*.d $(BUILD)/obj/*/*/*.d \
	$(BUILD)/tests/*.d)
