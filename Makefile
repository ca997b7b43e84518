# Two commands for a newcomer: `make run` and `make test`. See README.md.
BUILD ?= build
PORT ?= 8080
TEST_PORT ?= 8090
VERSION := 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=

PKGS := libxslt libxml-2.0 libmariadb libcurl openssl libsodium gdlib libzip libmagic icu-i18n icu-uc
# Libraries without a pkg-config file: CSV parsing, phone numbers (C++, behind core/phone.cc).
EXTRA_LIBS := -lcsv -lphonenumber -lstdc++
CC ?= gcc
WARN := -std=c17 -Wall -Wextra -Werror -D_GNU_SOURCE
OPT ?= -O2 -g
ifeq ($(SAN),1)
OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) $(EXTRA_LIBS) -lfcgi -lpthread -ldl
CFLAGS_ALL = $(WARN) $(OPT) -fPIC -Icore -Icore/include -I$(BUILD)/gen $(PKG_CFLAGS) -DCRM_VERSION='"$(VERSION)"'
LDFLAGS_ALL = $(OPT)

# libcrm is every core/*.c but the programs' own files, plus the C++ shims (*.cc).
PROGRAM_SRC := crmd worker jobs crmctl
LIB_SRC := $(filter-out $(PROGRAM_SRC),$(basename $(notdir $(wildcard core/*.c))))
LIB_CC := $(basename $(notdir $(wildcard core/*.cc)))
LIB_OBJ := $(LIB_SRC:%=$(BUILD)/obj/core/%.o) $(LIB_CC:%=$(BUILD)/obj/core/%.cc.o)
CXX ?= g++
CXXFLAGS_ALL = -std=c++17 -Wall -Wextra -Werror $(OPT) -fPIC -Icore -Icore/include $(shell pkg-config --cflags libxml-2.0)
CRMD_OBJ := $(BUILD)/obj/core/crmd.o $(BUILD)/obj/core/worker.o $(BUILD)/obj/core/jobs.o
LIBCRM := $(BUILD)/lib/libcrm.so.1
BINS := $(BUILD)/bin/crmd $(BUILD)/bin/crmctl

PLUGINS := $(notdir $(wildcard plugins/*))
TEST_PLUGINS := $(notdir $(wildcard tests/plugins/*))
PLUGIN_SO := $(PLUGINS:%=$(BUILD)/plugins/%.so)
TEST_PLUGIN_SO := $(TEST_PLUGINS:%=$(BUILD)/test-plugins/%.so)
UNIT_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test-*.c))

.PHONY: all run stop test unit system deps install bench clean
all: $(LIBCRM) $(BUILD)/lib/libcrm.so $(BINS) $(PLUGIN_SO)

$(BUILD)/gen/core-migrations.inc: core/sql2c.sh $(wildcard sql/*.sql)
	@mkdir -p $(@D)
	sh core/sql2c.sh $(sort $(wildcard sql/*.sql)) > $@

$(BUILD)/obj/core/builtin.o: $(BUILD)/gen/core-migrations.inc

$(BUILD)/obj/%.o: %.c $(wildcard core/*.h core/include/crm/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/obj/%.cc.o: %.cc $(wildcard core/*.h core/include/crm/*.h)
	@mkdir -p $(@D)
	$(CXX) $(CXXFLAGS_ALL) -c $< -o $@

$(LIBCRM): $(LIB_OBJ) core/libcrm.map
	@mkdir -p $(@D)
	$(CC) -shared $(LDFLAGS_ALL) -Wl,-soname,libcrm.so.1 -Wl,--version-script=core/libcrm.map \
		-o $@ $(LIB_OBJ) $(PKG_LIBS)

$(BUILD)/lib/libcrm.so: $(LIBCRM)
	ln -sf libcrm.so.1 $@

$(BUILD)/bin/crmd: $(CRMD_OBJ) $(BUILD)/lib/libcrm.so
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS_ALL) -o $@ $(CRMD_OBJ) -L$(BUILD)/lib -lcrm -Wl,-rpath,'$$ORIGIN/../lib' $(PKG_LIBS)

$(BUILD)/bin/crmctl: $(BUILD)/obj/core/crmctl.o $(BUILD)/lib/libcrm.so
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS_ALL) -o $@ $< -L$(BUILD)/lib -lcrm -Wl,-rpath,'$$ORIGIN/../lib' $(PKG_LIBS)

# A plugin: every .c of its folder, its migrations embedded, hidden visibility.
define plugin_rules
$(2)/$(1).so: $(wildcard $(3)/$(1)/*.c) $(wildcard $(3)/$(1)/migrations/*.sql) $(BUILD)/lib/libcrm.so $(wildcard core/include/crm/*.h)
	@mkdir -p $(2) $(BUILD)/gen/$(1)
	sh core/sql2c.sh $$(sort $$(wildcard $(3)/$(1)/migrations/*.sql)) > $(BUILD)/gen/$(1)/migrations.inc
	$$(CC) $$(WARN) $$(OPT) -fPIC -fvisibility=hidden -shared -Icore/include -I$(BUILD)/gen/$(1) \
		$$(shell pkg-config --cflags libxml-2.0) -o $$@ $$(filter %.c,$$^) -L$(BUILD)/lib -lcrm $$(PLUGIN_LIBS_$(1))
endef
# Libraries a plugin links besides libcrm: the contacts web form makes random keys
# (libsodium) and signs its time stamps (OpenSSL's HMAC).
PLUGIN_LIBS_contacts = $(shell pkg-config --libs libcrypto libsodium)
$(foreach p,$(PLUGINS),$(eval $(call plugin_rules,$(p),$(BUILD)/plugins,plugins)))
$(foreach p,$(TEST_PLUGINS),$(eval $(call plugin_rules,$(p),$(BUILD)/test-plugins,tests/plugins)))

# Unit tests link the core's objects directly, so internal functions can be tested.
$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB_OBJ) $(PKG_LIBS) -lcmocka

deps:
	@scripts/deps.sh

run: deps all
	@BUILD=$(BUILD) PORT=$(PORT) scripts/stack.sh up $(BUILD)/run
	@echo "CRM is running: http://127.0.0.1:$(PORT)/ (second tenant: http://127.0.0.1:$$(($(PORT)+1))/)"
	@BUILD=$(BUILD) scripts/demo.sh $(BUILD)/run
	@echo "Stop it with: make stop$(if $(filter-out build,$(BUILD)), BUILD=$(BUILD))"

stop:
	@BUILD=$(BUILD) scripts/stack.sh down $(BUILD)/run

# Tests build their own sanitized tree and stack, on their own port.
test:
	@scripts/deps.sh browser
	@$(MAKE) --no-print-directory SAN=1 BUILD=$(BUILD)/san all test-bins
	@BUILD=$(BUILD)/san PORT=$(TEST_PORT) tests/run.sh $(BUILD)/san

test-bins: $(UNIT_TESTS) $(TEST_PLUGIN_SO)

# Helpers the system tests run (test pictures made with libgd).
TEST_TOOLS := $(patsubst tests/tools/%.c,$(BUILD)/tests/tools/%,$(wildcard tests/tools/*.c))
test-bins: $(TEST_TOOLS)
$(BUILD)/tests/tools/%: tests/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(OPT) -o $@ $< $(shell pkg-config --cflags --libs gdlib)

bench: deps all
	@scripts/deps.sh bench
	@BUILD=$(BUILD) bench/run.sh

# The layout a package or a hosting provider gets: PREFIX=/usr DESTDIR=pkgroot for a package.
# crmd and crmctl find libcrm through their RUNPATH ($ORIGIN/../lib).
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(PREFIX)/lib/crm/plugins \
		$(DESTDIR)$(PREFIX)/include/crm $(DESTDIR)$(PREFIX)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX)/lib/systemd/system \
		$(DESTDIR)$(PREFIX)/share/crm/themes $(DESTDIR)$(PREFIX)/share/crm/plugins \
		$(DESTDIR)$(PREFIX)/share/crm/nginx $(DESTDIR)$(PREFIX)/share/doc/crm
	install -m 755 $(BUILD)/bin/crmd $(DESTDIR)$(PREFIX)/sbin/crmd
	install -m 755 $(BUILD)/bin/crmctl $(DESTDIR)$(PREFIX)/bin/crmctl
	install -m 755 $(LIBCRM) $(DESTDIR)$(PREFIX)/lib/libcrm.so.1
	ln -sf libcrm.so.1 $(DESTDIR)$(PREFIX)/lib/libcrm.so
	for p in $(PLUGINS); do \
		install -m 755 $(BUILD)/plugins/$$p.so $(DESTDIR)$(PREFIX)/lib/crm/plugins/; \
		for d in xsl i18n; do [ -d plugins/$$p/$$d ] || continue; \
			install -d $(DESTDIR)$(PREFIX)/share/crm/plugins/$$p/$$d; \
			install -m 644 plugins/$$p/$$d/* $(DESTDIR)$(PREFIX)/share/crm/plugins/$$p/$$d/; done; done
	cp -R themes/. $(DESTDIR)$(PREFIX)/share/crm/themes/
	install -m 644 core/include/crm/*.h $(DESTDIR)$(PREFIX)/include/crm/
	install -m 755 core/sql2c.sh $(DESTDIR)$(PREFIX)/share/crm/sql2c.sh
	install -m 644 nginx/*.conf $(DESTDIR)$(PREFIX)/share/crm/nginx/
	sed -e 's|/usr/sbin/crmd|$(PREFIX)/sbin/crmd|' -e 's|/usr/share/doc/crm|$(PREFIX)/share/doc/crm|' \
		nginx/crmd.service \
		> $(DESTDIR)$(PREFIX)/lib/systemd/system/crmd.service
	install -m 644 docs/*.md docs/crm.conf.example $(DESTDIR)$(PREFIX)/share/doc/crm/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' core/crm-plugin.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/crm-plugin.pc

clean:
	rm -rf $(BUILD)/obj $(BUILD)/lib $(BUILD)/bin $(BUILD)/plugins $(BUILD)/test-plugins $(BUILD)/gen $(BUILD)/tests $(BUILD)/san/obj
