# tipreport: build, run on the sample, test, benchmark.
#
#   make        build ./tipreport
#   make run    install missing packages (RUN_PACKAGES), build, report on input/ into output/
#   make install    the program, its data, manual and docs under PREFIX (default /usr/local),
#                   staged under DESTDIR when given; make uninstall removes them again
#   make test   install missing packages (both sets), build, run every test (again under ASan/UBSan and,
#               the core tests, under valgrind; then 5 s of each fuzzer)
#   make stress 500 briefs of the sample, 4 at once: none may fail or end by a signal
#   make fuzz   the fuzzers for FUZZ_SECONDS each (default 600)
#   make bench  time a generated 1M-victim export against the libcsv floor and DuckDB

# Debian packages, one a line; README.md's Quick start lists both sets exactly, and its table
# says why each is there. What building and running need (make run): the libraries tipreport
# is built on, the fonts its PDF embeds, the reader of its manual.
RUN_PACKAGES  = libcsv-dev
RUN_PACKAGES += libutf8proc-dev
RUN_PACKAGES += libinih-dev
RUN_PACKAGES += nettle-dev
RUN_PACKAGES += libxlsxwriter-dev
RUN_PACKAGES += libcairo2-dev
RUN_PACKAGES += libpango1.0-dev
RUN_PACKAGES += libfontconfig-dev
RUN_PACKAGES += libjson-c-dev
RUN_PACKAGES += libglpk-dev
RUN_PACKAGES += fonts-dejavu-core
RUN_PACKAGES += fonts-dejavu-extra
RUN_PACKAGES += man-db
# tipreport serve: the HTTP server, the documents' zip.
RUN_PACKAGES += libmicrohttpd-dev
RUN_PACKAGES += libzip-dev
# What the tests need on top of those (make test, make fuzz): independent readers of the
# outputs, the fuzzers' compiler, the leak checker.
TEST_PACKAGES  = poppler-utils
TEST_PACKAGES += python3
TEST_PACKAGES += python3-openpyxl
TEST_PACKAGES += python3-scipy
TEST_PACKAGES += libreoffice-calc-nogui
TEST_PACKAGES += unzip
TEST_PACKAGES += groff-base
TEST_PACKAGES += clang
TEST_PACKAGES += libclang-rt-14-dev
TEST_PACKAGES += valgrind
# The browser tests (report.html, tipreport serve).
TEST_PACKAGES += chromium
TEST_PACKAGES += chromium-driver
TEST_PACKAGES += python3-selenium

# make install's layout: the program finds its data at ../share/tipreport from its own folder
# (src/options.c), so no path is compiled in and the tree under PREFIX can be moved whole.
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(DESTDIR)$(PREFIX)/bin
DATADIR  = $(DESTDIR)$(PREFIX)/share/tipreport
MAN1DIR  = $(DESTDIR)$(PREFIX)/share/man/man1
DOCDIR   = $(DESTDIR)$(PREFIX)/share/doc/tipreport
DOCS     = README.md $(wildcard docs/*.md)
DATA     = $(wildcard templates/*/*)
DATA_DIRS = $(sort $(dir $(DATA:templates/%=%)))

# The commit --version names: HEAD's when this folder is a git checkout's top (not a tarball
# unpacked inside another repository), else the one git archive wrote into tools/commit.txt
# (export-subst, .gitattributes), else unknown. build/commit holds it; it is rewritten only
# when a known commit changes, so that main.o is rebuilt then and only then (a sudo make
# install that cannot ask git rebuilds nothing).
GIT_COMMIT     := $(shell [ -z "$$(git rev-parse --show-prefix 2>&1)" ] && git rev-parse --short HEAD 2>/dev/null)
ARCHIVE_COMMIT := $(shell sed -n '/^[0-9a-f]\{7,40\}$$/p' tools/commit.txt 2>/dev/null)
COMMIT         := $(or $(GIT_COMMIT),$(ARCHIVE_COMMIT),unknown)

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Isrc
LIBS     = -lcsv -lutf8proc -linih -lnettle -lxlsxwriter -ljson-c -lglpk -lmicrohttpd -lzip $(shell pkg-config --libs pangocairo fontconfig 2>/dev/null) -lm -lpthread
# Only the drawers see cairo's and pango's headers (the core cannot include them), only the
# map sees json-c's. System headers: their warnings are not ours.
CAIRO_CFLAGS := $(shell pkg-config --cflags pangocairo 2>/dev/null | sed 's|-I|-isystem |g')
JSON_CFLAGS  := $(shell pkg-config --cflags json-c 2>/dev/null | sed 's|-I|-isystem |g')
DRAWERS = render/chart_cairo render/render_pdf render/chart_png render/chart_svg

SRC  = $(filter-out src/main.c,$(wildcard src/*.c src/*/*.c))
HDR  = $(wildcard src/*.h src/*/*.h)
OBJ  = $(SRC:src/%.c=build/%.o)
ASAN_OBJ = $(SRC:src/%.c=build/asan/%.o)
UNIT = $(wildcard tests/unit/*.c)
SANITIZE = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all deps run-deps run test stress unit functional bench fuzz install uninstall clean FORCE
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

build/commit: FORCE | build
	@if [ ! -e $@ ] || { [ "$(COMMIT)" != unknown ] && [ "$(COMMIT)" != "$$(cat $@)" ]; }; then \
	  echo "$(COMMIT)" > $@; fi
build/main.o build/asan/main.o: build/commit
build/main.o build/asan/main.o: CPPFLAGS += -DTIPREPORT_COMMIT=\"$$(cat build/commit)\"

# The templates beside the sanitizers' program too, as templates/ is beside ./tipreport.
build/asan/tipreport: build/asan/main.o $(ASAN_OBJ) | build/asan/templates
	$(CC) $(SANITIZE) -o $@ $^ $(LIBS)
build/asan/templates:
	@mkdir -p build/asan && ln -sfn ../../templates $@

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
	clang $(WARN) $(CPPFLAGS) -DTIPREPORT_TEMPLATES=\"$(CURDIR)/templates\" $(FUZZ_FLAGS) \
	  -fsanitize=fuzzer -Itests/fuzz -o $@ $< \
	  tests/fuzz/fuzz_input.c $(FUZZ_OBJ) $(LIBS)

# FUZZ_SECONDS per target (default 600); crashes land in build/fuzz/findings/.
fuzz: deps
	@$(MAKE) --no-print-directory $(FUZZERS:%=build/fuzz/fuzz_%)
	@tests/fuzz/run.sh $(or $(FUZZ_SECONDS),600) $(FUZZERS)

build:
	@mkdir -p build

# deps: both sets (make test, fuzz, stress, bench); run-deps: what running needs.
deps:
	@tools/deps.sh $(RUN_PACKAGES) $(TEST_PACKAGES)

run-deps:
	@tools/deps.sh $(RUN_PACKAGES)

run: run-deps
	@$(MAKE) --no-print-directory tipreport
	./tipreport report input/

define install_data
	install -m 644 $(wildcard templates/$(1)*) "$(DATADIR)/$(1)"

endef
install: tipreport doc/tipreport.1
	install -d "$(BINDIR)" "$(MAN1DIR)" "$(DOCDIR)" $(DATA_DIRS:%="$(DATADIR)/%")
	install -m 755 tipreport "$(BINDIR)/tipreport"
	install -m 644 doc/tipreport.1 "$(MAN1DIR)/tipreport.1"
	install -m 644 $(DOCS) "$(DOCDIR)"
	$(foreach d,$(DATA_DIRS),$(call install_data,$(d)))

# Exactly what install put there: a file of the office's own in share/tipreport/ stays, and
# so does its folder then.
uninstall:
	rm -f "$(BINDIR)/tipreport" "$(MAN1DIR)/tipreport.1" $(DATA:templates/%="$(DATADIR)/%") \
	  $(patsubst %,"$(DOCDIR)/%",$(notdir $(DOCS)))
	@rmdir $(DATA_DIRS:%="$(DATADIR)/%") "$(DATADIR)" "$(DOCDIR)" 2>/dev/null || true

# The tests run with the normal build, with AddressSanitizer + UBSan and under valgrind (the
# last two beside the first, on the second core: tests/passes.sh), then a few seconds of fuzzing.
test: deps
	@$(MAKE) -j$$(nproc) --no-print-directory tipreport build/unit_tests build/check_public build/genexport \
	  build/asan/tipreport build/asan/unit_tests build/asan/check_public \
	  $(VALGRIND:%=build/valgrind/%) $(FUZZERS:%=build/fuzz/fuzz_%)
	@tests/passes.sh $(FUZZERS)

# STRESS_RUNS briefs (default 500), every region in turn; make test runs 30 of them.
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
