# tipreport: build, run on the sample, test, benchmark.
#
#   make        build ./tipreport
#   make run    install missing packages, build, report on input/ into output/
#   make test   install missing packages, build, run every test (also under ASan/UBSan)
#   make bench  time a generated 1M-victim export against DuckDB (not a test)

# Debian packages the build, the run and the tests need. README.md lists exactly these.
PACKAGES = libcsv-dev libutf8proc-dev libinih-dev nettle-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev libfontconfig-dev libjson-c-dev libglpk-dev fonts-dejavu-core fonts-dejavu-extra poppler-utils python3 python3-openpyxl

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Isrc -DTIPREPORT_TEMPLATES=\"$(CURDIR)/templates\"
LIBS     = -lcsv -lutf8proc -linih -lnettle -lxlsxwriter -ljson-c -lglpk $(shell pkg-config --libs pangocairo fontconfig 2>/dev/null) -lm -lpthread
# Only the drawers see cairo's and pango's headers (the core cannot include them), only the
# map sees json-c's. System headers: their warnings are not ours.
CAIRO_CFLAGS := $(shell pkg-config --cflags pangocairo 2>/dev/null | sed 's|-I|-isystem |g')
JSON_CFLAGS  := $(shell pkg-config --cflags json-c 2>/dev/null | sed 's|-I|-isystem |g')
DRAWERS = chart_cairo render_pdf chart_png fonts

SRC  = $(filter-out src/main.c,$(wildcard src/*.c))
OBJ  = $(SRC:src/%.c=build/%.o)
ASAN_OBJ = $(SRC:src/%.c=build/asan/%.o)
UNIT = $(wildcard tests/unit/*.c)
SANITIZE = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all deps run test unit functional bench clean
all: tipreport

tipreport: build/main.o $(OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

$(DRAWERS:%=build/%.o) $(DRAWERS:%=build/asan/%.o): CPPFLAGS += $(CAIRO_CFLAGS)
build/map.o build/asan/map.o: CPPFLAGS += $(JSON_CFLAGS)

build/%.o: src/%.c $(wildcard src/*.h) | build
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

build/asan/%.o: src/%.c $(wildcard src/*.h) | build
	@mkdir -p build/asan
	$(CC) $(WARN) $(CPPFLAGS) -O1 -g $(SANITIZE) -c -o $@ $<

build/asan/tipreport: build/asan/main.o $(ASAN_OBJ)
	$(CC) $(SANITIZE) -o $@ $^ $(LIBS)

build/check_public: tests/check_public.c $(OBJ)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -o $@ tests/check_public.c $(OBJ) $(LIBS)

build/asan/check_public: tests/check_public.c $(ASAN_OBJ)
	$(CC) $(WARN) $(CPPFLAGS) -O1 -g $(SANITIZE) -o $@ tests/check_public.c $(ASAN_OBJ) $(LIBS)

build/unit_tests: $(UNIT) tests/unit/check.h $(OBJ)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -Itests/unit -o $@ $(UNIT) $(OBJ) $(LIBS)

build/asan/unit_tests: $(UNIT) tests/unit/check.h $(ASAN_OBJ)
	$(CC) $(WARN) $(CPPFLAGS) -O1 -g $(SANITIZE) -Itests/unit -o $@ $(UNIT) $(ASAN_OBJ) $(LIBS)

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
	  build/asan/tipreport build/asan/unit_tests build/asan/check_public
	@echo "== optimised build"
	@tests/run.sh ./tipreport build/unit_tests
	@echo "== AddressSanitizer + UBSan build"
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 BRIEFS="08 21 24" GENERATED_BRIEFS= \
	  tests/run.sh build/asan/tipreport build/asan/unit_tests

bench: deps
	@$(MAKE) --no-print-directory tipreport build/genexport
	@bench/run.sh $(or $(N),1000000)

build/genexport: tools/genexport.c | build
	$(CC) $(WARN) $(CPPFLAGS) -O2 -o $@ $<

clean:
	rm -rf build tipreport
