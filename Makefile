# tipreport: build, run on the sample, test, benchmark.
#
#   make        build ./tipreport
#   make run    install missing packages, build, report on input/ into output/
#   make test   install missing packages, build, run every test (again under ASan/UBSan and,
#               the core tests, under valgrind; then 5 s of each fuzzer)
#   make stress 500 briefs of the sample, 4 at once: none may fail or end by a signal
#   make fuzz   the fuzzers for FUZZ_SECONDS each (default 600)
#   make bench  time a generated 1M-victim export against the libcsv floor and DuckDB

# Debian packages the build, the run and the tests need. README.md lists exactly these.
PACKAGES = libcsv-dev libutf8proc-dev libinih-dev nettle-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev libfontconfig-dev libjson-c-dev libglpk-dev fonts-dejavu-core fonts-dejavu-extra poppler-utils python3 python3-openpyxl python3-scipy libreoffice-calc-nogui clang libclang-rt-14-dev valgrind
# tipreport serve: the HTTP server and the documents' zip (what running needs).
PACKAGES += libmicrohttpd-dev libzip-dev
# tipreport serve's browser test (what testing needs).
PACKAGES += chromium chromium-driver python3-selenium

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Isrc -DTIPREPORT_TEMPLATES=\"$(CURDIR)/templates\"
LIBS     = -lcsv -lutf8proc -linih -lnettle -lxlsxwriter -ljson-c -lglpk -lmicrohttpd -lzip $(shell pkg-config --libs pangocairo fontconfig 2>/dev/null) -lm -lpthread
# Only the drawers see cairo's and pango's headers (the core cannot include them), only the
# map sees json-c's. System headers: their warnings are not ours.
CAIRO_CFLAGS := $(shell pkg-config --cflags pangocairo 2>/dev/null | sed 's|-I|-isystem |g')
JSON_CFLAGS  := $(shell pkg-config --cflags json-c 2>/dev/null | sed 's|-I|-isystem |g')
DRAWERS = render/chart_cairo render/render_pdf render/chart_png

SRC  = $(filter-out src/main.c,$(wildcard src/*.c src/*/*.c))
HDR  = $(wildcard src/*.h src/*/*.h)
OBJ  = $(SRC:src/%.c=build/%.o)
ASAN_OBJ = $(SRC:src/%.c=build/asan/%.o)
UNIT = $(wildcard tests/unit/*.c)
SANITIZE = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all deps run test stress unit functional bench fuzz clean
all: tipreport

tipreport: build/main.o $(OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

$(DRAWERS:%=build/%.o) $(DRAWERS:%=build/asan/%.o): CPPFLAGS += $(CAIRO_CFLAGS)
build/report/map.o build/asan/report/map.o: CPPFLAGS += $(JSON_CFLAGS)

build/%.o: src/%.c $(HDR) | build
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

build/asan/%.o: src/%.c $(HDR) | build
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CPPFLAGS) -O1 -g $(SANITIZE) -c -o $@ $<

build/asan/tipreport: build/asan/main.o $(ASAN_OBJ)
	$(CC) $(SANITIZE) -o $@ $^ $(LIBS)

build/check_public: tests/check_public.c $(OBJ)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -o $@ tests/check_public.c $(OBJ) $(LIBS)

build/asan/check_public: tests/check_public.c $(ASAN_OBJ)
	$(CC) $(WARN) $(CPPFLAGS) -O1 -g $(SANITIZE) -o $@ tests/check_public.c $(ASAN_OBJ) $(LIBS)

# The unit tests' malloc can be made to fail (tests/unit/failalloc.c).
build/unit_tests: $(UNIT) tests/unit/check.h $(OBJ)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -Itests/unit -Wl,--wrap=malloc -o $@ $(UNIT) $(OBJ) $(LIBS)

build/asan/unit_tests: $(UNIT) tests/unit/check.h $(ASAN_OBJ)
	$(CC) $(WARN) $(CPPFLAGS) -O1 -g $(SANITIZE) -Itests/unit -Wl,--wrap=malloc -o $@ $(UNIT) $(ASAN_OBJ) $(LIBS)

# The valgrind pass runs the optimised programs through these wrappers: any memory error or
# leak (definite or indirect) exits 99, which no test expects. The libraries' own leaks are
# suppressed, each with its reason, in tests/valgrind.supp (tests/lsan.supp for ASan's).
VALGRIND = tipreport unit_tests check_public
define valgrind_wrapper
	@mkdir -p build/valgrind
	@printf '#!/bin/sh\nexec valgrind -q --suppressions=%s --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect "%s" "$$@"\n' "$(CURDIR)/tests/valgrind.supp" "$(CURDIR)/$<" > $@
	@chmod +x $@
endef
build/valgrind/%: build/% tests/valgrind.supp | build
	$(valgrind_wrapper)
build/valgrind/tipreport: tipreport tests/valgrind.supp | build
	$(valgrind_wrapper)

# Fuzzers: libFuzzer (clang), with AddressSanitizer and UBSan, over the core's objects.
FUZZ_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_OBJ   = $(SRC:src/%.c=build/fuzz/%.o)
FUZZERS    = csv match profile template
.SECONDARY: $(FUZZ_OBJ) # kept: otherwise make removes them as intermediates and rebuilds
$(DRAWERS:%=build/fuzz/%.o): CPPFLAGS += $(CAIRO_CFLAGS)
build/fuzz/report/map.o: CPPFLAGS += $(JSON_CFLAGS)

build/fuzz/%.o: src/%.c $(HDR) | build
	@mkdir -p $(dir $@)
	clang $(WARN) $(CPPFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_input.c tests/fuzz/fuzz_input.h $(FUZZ_OBJ)
	clang $(WARN) $(CPPFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -Itests/fuzz -o $@ $< \
	  tests/fuzz/fuzz_input.c $(FUZZ_OBJ) $(LIBS)

# FUZZ_SECONDS per target (default 600); crashes land in build/fuzz/findings/.
fuzz: deps
	@$(MAKE) --no-print-directory $(FUZZERS:%=build/fuzz/fuzz_%)
	@tests/fuzz/run.sh $(or $(FUZZ_SECONDS),600) $(FUZZERS)

build:
	@mkdir -p build

deps:
	@tools/deps.sh $(PACKAGES)

run: deps
	@$(MAKE) --no-print-directory tipreport
	./tipreport report input/

# The tests run twice: with the normal build and with AddressSanitizer + UBSan.
test: deps
	@$(MAKE) --no-print-directory tipreport build/unit_tests build/check_public build/genexport \
	  build/asan/tipreport build/asan/unit_tests build/asan/check_public \
	  $(VALGRIND:%=build/valgrind/%) $(FUZZERS:%=build/fuzz/fuzz_%)
	@echo "== optimised build"
	@tests/run.sh ./tipreport build/unit_tests
	@echo "== AddressSanitizer + UBSan build"
	@ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1 BRIEFS="08 21 24" GENERATED_BRIEFS= STRESS_RUNS=0 KILL_RUNS=20 WORDS_ONCE=1 \
	  tests/run.sh build/asan/tipreport build/asan/unit_tests
	@echo "== valgrind (memcheck, no leaks) on the optimised build: the core tests"
	@CORE_ONLY=1 tests/run.sh build/valgrind/tipreport build/valgrind/unit_tests
	@echo "== fuzzing, a few seconds per target"
	@tests/fuzz/run.sh 5 $(FUZZERS)

# STRESS_RUNS briefs (default 500), every region in turn; make test runs 50 of them.
stress: deps
	@$(MAKE) --no-print-directory tipreport
	@tests/stress.sh ./tipreport $(or $(STRESS_RUNS),500) 4

bench: deps
	@$(MAKE) --no-print-directory tipreport build/genexport build/parse_floor
	@bench/run.sh $(or $(N),1000000)

build/genexport: tools/genexport.c | build
	$(CC) $(WARN) $(CPPFLAGS) -O2 -o $@ $<

build/parse_floor: bench/parse_floor.c | build
	$(CC) $(WARN) $(CPPFLAGS) -O2 -o $@ $< -lcsv

clean:
	rm -rf build tipreport
