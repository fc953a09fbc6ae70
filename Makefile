# Two commands for a new user (see README):
#   make run    install the app into .venv and start it
#   make test   install the test tools into .venv and run the whole suite headless
#   make dist   the frozen bundle (dist/aipm-desktop/) and the .deb (see RELEASING.md)
#   make dist-portable   the portable Linux tarball;  make dist-windows   the Windows installer
#   make dist-windows-speech   the Windows speech add-on's installer
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_APP := $(VENV)/.installed-app
STAMP_TEST := $(VENV)/.installed-test
STAMP_DIST := $(VENV)/.installed-dist
BUNDLE := dist/aipm-desktop
PYI_WORK := build/pyinstaller

.PHONY: run test lint screenshots screenshots-offscreen bench bench-dashboard clean bundle dist bundle-speech dist-speech dist-speech-install-test dist-test dist-install-test dist-upgrade-test bench-frozen \
	dist-portable dist-portable-test dist-windows dist-windows-test dist-windows-speech \
	dist-windows-speech-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_APP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP_APP)

$(STAMP_DIST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,dist]"
	touch $@ $(STAMP_TEST) $(STAMP_APP)

run: $(STAMP_APP)
	$(BIN)/aipm-desktop

test: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# The README screenshots as a user sees them: a real X server with a window manager
# (title bars and frames included). Without Xvfb and openbox, the offscreen fallback.
screenshots: $(STAMP_TEST)
	@if command -v Xvfb >/dev/null && command -v openbox >/dev/null; then \
		scripts/on_desktop.sh $(BIN)/python scripts/screenshots.py; \
	else \
		echo "Xvfb or openbox missing: rendering offscreen, without window frames"; \
		$(MAKE) screenshots-offscreen; \
	fi

# Each window rendered on its own, offscreen: no window manager, no frames.
screenshots-offscreen: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

# Every script reports the issue's targets into one file; targets.py prints them as one table.
BENCH_TARGETS := $(CURDIR)/build/bench-targets.jsonl
bench: $(STAMP_TEST)
	mkdir -p build && rm -f $(BENCH_TARGETS)
	AIPM_BENCH_TARGETS=$(BENCH_TARGETS) QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/pack_limits.py
	$(BIN)/python benchmarks/importers.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/compare.py
	AIPM_BENCH_TARGETS=$(BENCH_TARGETS) QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/heartbeat.py
	$(BIN)/python benchmarks/targets.py $(BENCH_TARGETS)

bench-dashboard: $(STAMP_TEST)
	$(BIN)/python benchmarks/dashboard.py

# The frozen onedir bundle; fails if the app imports a Qt module build.spec leaves out
# or if a library the bundle links to is nowhere to be found.
bundle: $(STAMP_DIST)
	rm -rf $(BUNDLE) $(PYI_WORK)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --workpath $(PYI_WORK) --distpath dist build.spec
	$(BIN)/python packaging/check_bundle.py $(BUNDLE) $(PYI_WORK)/build/warn-build.txt

# The speech add-on (docs/speech.md): its own onedir bundle without Qt (speech.spec), checked
# to carry CTranslate2's and PyAV's libraries and the models, and its .deb, which installs it
# as /opt/aipm-desktop/speech beside the app and depends on the same version of the app.
bundle-speech: $(STAMP_DIST)
	rm -rf dist/aipm-desktop-speech build/pyinstaller-speech
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --workpath build/pyinstaller-speech --distpath dist speech.spec
	$(BIN)/python packaging/check_bundle.py --speech dist/aipm-desktop-speech build/pyinstaller-speech/speech/warn-speech.txt

dist-speech: bundle-speech
	rm -f dist/aipm-desktop-speech_*.deb
	$(BIN)/python packaging/linux/build_speech_deb.py

# Install the app's .deb, then the add-on's, on a freshly debootstrapped Debian and
# transcribe a spoken clip (root, network to a Debian mirror, espeak-ng and sox).
dist-speech-install-test:
	packaging/linux/test_speech_install.sh $$(ls dist/aipm-desktop_*.deb | head -n 1) \
		$$(ls dist/aipm-desktop-speech_*.deb | head -n 1)

# The bundle and the .deb (Linux; dpkg-deb).
dist: bundle
	rm -f dist/aipm-desktop_*.deb
	$(BIN)/python packaging/linux/build_deb.py

# The frozen smoke test: --version and --self-test of the bundle in a stripped environment.
dist-test: $(STAMP_TEST)
	AIPM_REQUIRE_BUNDLE=1 $(BIN)/python -m pytest -p no:cacheprovider tests/e2e/test_frozen.py

# Install the .deb on a freshly debootstrapped Debian (root, network to a Debian mirror).
dist-install-test:
	packaging/linux/test_install.sh $$(ls dist/aipm-desktop_*.deb | head -n 1)

# Upgrade over OLD_DEB (default: the same build labelled one version lower), keeping data.
dist-upgrade-test:
	@deb=$$(ls dist/aipm-desktop_*.deb | head -n 1); \
	if [ -n "$(OLD_DEB)" ]; then old="$(OLD_DEB)"; else \
		version=$$(dpkg-deb -f $$deb Version); \
		old=$$($(BIN)/python packaging/linux/build_deb.py --version "$$version~upgradetest" --out build/old-deb); \
	fi; \
	packaging/linux/test_install.sh $$deb $$old

# The portable Linux tarball (dist/aipm-desktop-VERSION-linux-ARCH.tar.xz) of the bundle
# that make bundle (or make dist) built; builds the bundle first only if there is none.
dist-portable: $(STAMP_DIST)
	@test -x $(BUNDLE)/aipm-desktop || $(MAKE) bundle
	rm -f dist/aipm-desktop-*-linux-*.tar.xz
	$(BIN)/python packaging/linux/build_portable.py

# The tarball's install.sh in a freshly debootstrapped Debian (root, network to a Debian mirror).
dist-portable-test:
	packaging/linux/test_portable.sh $$(ls dist/aipm-desktop-*-linux-*.tar.xz | head -n 1)

# The Windows installer, built here (dist/AIPM-Desktop-VERSION-setup.exe): embeddable CPython
# and win_amd64 wheels from PyPI, a mingw-w64 launcher, NSIS. See RELEASING.md.
dist-windows: $(STAMP_DIST)
	rm -f dist/AIPM-Desktop-[0-9]*-setup.exe
	$(BIN)/python packaging/windows/build_windows.py

# Install, run (--version, --self-test) and uninstall it under Wine, in a new prefix.
dist-windows-test: $(STAMP_DIST)
	packaging/windows/test_wine.sh $$(ls dist/AIPM-Desktop-[0-9]*-setup.exe | head -n 1)

# The speech add-on's installer (after dist-windows: it installs into the app's folder).
dist-windows-speech: $(STAMP_DIST)
	rm -f dist/AIPM-Desktop-Speech-*-setup.exe
	$(BIN)/python packaging/windows/build_windows_speech.py

# Under Wine: the app, then the add-on, a spoken clip transcribed, both uninstalled.
dist-windows-speech-test: $(STAMP_DIST)
	packaging/windows/test_wine_speech.sh $$(ls dist/AIPM-Desktop-[0-9]*-setup.exe | head -n 1) \
		$$(ls dist/AIPM-Desktop-Speech-*-setup.exe | head -n 1)

# Size and start time of the .deb and the bundle beside a frozen PySide6 "hello" window.
bench-frozen: $(STAMP_DIST)
	$(BIN)/python benchmarks/frozen.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
