# Build and install ctl. `make` builds (release); `make install` copies what was built, so
# `make && sudo make install` builds as the user. Every path honours DESTDIR.
#
#   make install PREFIX=/usr/local DESTDIR=/tmp/stage
#   make install BUILDDIR=target/debug         # install a debug build
#   make deb                                    # a .deb from a staged install (dpkg-deb)
#   make test-unit                              # the tests that need no root

PREFIX ?= /usr/local
DESTDIR ?=
CARGO ?= cargo
PROFILE ?= release
BUILDDIR ?= target/$(if $(filter dev,$(PROFILE)),debug,$(PROFILE))
SYSCONFDIR ?= /etc
BINDIR ?= $(PREFIX)/bin
LIBEXECDIR ?= $(PREFIX)/libexec/ctl
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share
LIBDIR ?= $(PREFIX)/lib
ZSHCOMPDIR ?= $(DATADIR)/zsh/site-functions
INSTALL ?= install

.PHONY: all build install uninstall deb docs test-unit

all: build

build:
	$(CARGO) build --profile $(PROFILE) --workspace

# The unit tests of both crates: no root, no runc, no network. The monitor's tests in
# monitor/tests/ and the integration tests run the real thing and need root (CONTRIBUTING.md).
test-unit:
	$(CARGO) test --workspace --lib --bins

# The docs in completions/ and packaging/man/ are generated and committed; this refreshes them.
docs:
	$(CARGO) run --bin ctl -- __generate-docs .

install:
	@test -x $(BUILDDIR)/ctl -a -x $(BUILDDIR)/ctl-monitor || \
		{ echo "no ctl and ctl-monitor in $(BUILDDIR): run make first" >&2; exit 1; }
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXECDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(DATADIR)/bash-completion/completions \
		$(DESTDIR)$(ZSHCOMPDIR) \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d \
		$(DESTDIR)$(LIBDIR)/tmpfiles.d $(DESTDIR)$(LIBDIR)/systemd/system \
		$(DESTDIR)$(SYSCONFDIR)/ctl
	$(INSTALL) -m 755 $(BUILDDIR)/ctl $(DESTDIR)$(BINDIR)/ctl
	$(INSTALL) -m 755 $(BUILDDIR)/ctl-monitor $(DESTDIR)$(LIBEXECDIR)/ctl-monitor
	$(INSTALL) -m 644 packaging/man/*.1 $(DESTDIR)$(MANDIR)/man1/
	$(INSTALL) -m 644 completions/ctl.bash $(DESTDIR)$(DATADIR)/bash-completion/completions/ctl
	$(INSTALL) -m 644 completions/_ctl $(DESTDIR)$(ZSHCOMPDIR)/_ctl
	$(INSTALL) -m 644 completions/ctl.fish $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/ctl.fish
	$(INSTALL) -m 644 packaging/tmpfiles.d/ctl.conf $(DESTDIR)$(LIBDIR)/tmpfiles.d/ctl.conf
	sed 's|/usr/bin/ctl|$(BINDIR)/ctl|g' packaging/systemd/ctl-restart.service \
		> $(DESTDIR)$(LIBDIR)/systemd/system/ctl-restart.service
	chmod 644 $(DESTDIR)$(LIBDIR)/systemd/system/ctl-restart.service
	# The config file is the admin's once installed: never overwritten.
	test -e $(DESTDIR)$(SYSCONFDIR)/ctl/ctl.toml || \
		$(INSTALL) -m 644 packaging/ctl.toml $(DESTDIR)$(SYSCONFDIR)/ctl/ctl.toml

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ctl $(DESTDIR)$(LIBEXECDIR)/ctl-monitor
	rmdir $(DESTDIR)$(LIBEXECDIR) 2>/dev/null || true
	cd packaging/man && for m in *.1; do rm -f $(DESTDIR)$(MANDIR)/man1/$$m; done
	rm -f $(DESTDIR)$(DATADIR)/bash-completion/completions/ctl \
		$(DESTDIR)$(ZSHCOMPDIR)/_ctl \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d/ctl.fish \
		$(DESTDIR)$(LIBDIR)/tmpfiles.d/ctl.conf \
		$(DESTDIR)$(LIBDIR)/systemd/system/ctl-restart.service

deb:
	packaging/deb/build-deb.sh $(BUILDDIR) target/deb
