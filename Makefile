# The two commands of README: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: demo test install install-dev lint lock worker messages

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Installs are skipped while pyproject.toml and the constraints are unchanged.
$(VENV)/.installed: $(PY) pyproject.toml requirements/constraints.txt
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The demo's Stripe is localstripe (a fake Stripe server, GPL, run as its own process): it starts
# with the demo, delivers its webhooks to the demo's endpoint, and stops when the demo stops.
STRIPE_PORT ?= 8420
DEMO_STRIPE := STRIPE_API_BASE=http://127.0.0.1:$(STRIPE_PORT) STRIPE_SECRET_KEY=sk_test_demo STRIPE_WEBHOOK_SECRET=whsec_demo \
	STRIPE_JS_URL=http://127.0.0.1:$(STRIPE_PORT)/js.stripe.com/v3/

$(VENV)/.installed-localstripe: $(VENV)/.installed
	$(PY) -m pip install --quiet -c requirements/constraints.txt localstripe
	touch $@

# The demo's files (database, media, localstripe's data, logs) live in SHOP_VAR_DIR, var/ by default.
DEMO_VAR := $(or $(SHOP_VAR_DIR),var)

# Beside the web server: localstripe, and the beat schedule run in-process (manage.py run_schedule:
# expired payments, the outbox, reminders), both stopped with the demo.
demo: install $(VENV)/.installed-localstripe
	$(PY) manage.py migrate --noinput
	@mkdir -p $(DEMO_VAR)
	@$(PY) scripts/localstripe_server.py $(STRIPE_PORT) $(DEMO_VAR)/localstripe.pickle \
		http://127.0.0.1:$(PORT)/stripe/webhook/ whsec_demo > $(DEMO_VAR)/localstripe.log 2>&1 & STRIPE_PID=$$!; \
	trap 'kill $$STRIPE_PID $$SCHEDULE_PID 2>/dev/null' EXIT INT TERM; \
	$(PY) -c "import socket, time; [time.sleep(0.2) for _ in range(50) if socket.socket().connect_ex(('127.0.0.1', $(STRIPE_PORT)))]"; \
	EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend EMAIL_FILE_PATH=$(DEMO_VAR)/mail \
		$(DEMO_STRIPE) $(PY) manage.py load_demo && \
	{ $(DEMO_STRIPE) $(PY) manage.py run_schedule > $(DEMO_VAR)/schedule.log 2>&1 & SCHEDULE_PID=$$!; } && \
	echo "" && \
	echo "  The demo shop is starting at http://127.0.0.1:$(PORT)/ (Stripe: localstripe on port $(STRIPE_PORT))" && \
	echo "  Wagtail admin (PIM): http://127.0.0.1:$(PORT)/cms/   API docs: http://127.0.0.1:$(PORT)/api/v1/docs/" && \
	echo "" && \
	$(DEMO_STRIPE) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install-dev
	$(PY) scripts/test.py $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .

worker: install
	$(VENV)/bin/celery -A shop worker --loglevel=INFO

# The theme's own Finnish and Swedish strings (shop/locale): update the .po files from the marked
# strings, then compile them. Needs GNU gettext; commit the .po and the .mo files.
MESSAGES_ARGS := -l fi -l sv $(addprefix --ignore=,$(VENV) var tests node_modules static staticfiles)
messages: install
	$(PY) manage.py makemessages --no-obsolete --no-location $(MESSAGES_ARGS)
	$(PY) manage.py compilemessages $(MESSAGES_ARGS)

# Refresh the pins after changing dependencies in pyproject.toml.
lock:
	rm -rf /tmp/shop-lock-venv && $(PYTHON) -m venv /tmp/shop-lock-venv
	/tmp/shop-lock-venv/bin/pip install --quiet --upgrade pip
	/tmp/shop-lock-venv/bin/pip install --quiet -e ".[dev]"
	/tmp/shop-lock-venv/bin/pip freeze --exclude-editable > requirements/constraints.txt
