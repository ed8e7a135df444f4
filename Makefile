# The two commands a newcomer needs: `make run` and `make test`.
# Everything else here is a convenience around CMake and CTest.

DATA_DIR ?= var
LISTEN   ?= 127.0.0.1:8080
DEMO     ?= 1
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)

MAKEFLAGS  += --no-print-directory

BUILD      := build
TEST_BUILD := build-test

ifeq ($(DEMO),0)
INIT_FLAGS := --no-demo
endif

.PHONY: all deps build build-test run test clean distclean

all: build

deps:
	@sh scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target loudong

build-test: deps
	@cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DLOUDONG_SANITIZE=ON >/dev/null
	@cmake --build $(TEST_BUILD) -j $(JOBS)

# Initialise ./var on first run (database, keys, admin account, demo data), then serve.
run: build
	@if [ ! -f $(DATA_DIR)/loudong.conf ]; then \
		./$(BUILD)/loudong init --data-dir $(DATA_DIR) $(INIT_FLAGS) || exit 1; \
	fi
	./$(BUILD)/loudong serve --data-dir $(DATA_DIR) --listen $(LISTEN)

# Sanitizer build; any ASan/UBSan report aborts the test that hit it.
test: build-test
	@cd $(TEST_BUILD) && \
	ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD) $(TEST_BUILD)

distclean: clean
	rm -rf $(DATA_DIR)
