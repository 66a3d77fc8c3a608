# One entry point for every task; `make install` first on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PATH := $(abspath $(BIN)):$(PATH)

GENERATED := generated/agents21_api

.PHONY: install generate check-generated lint typecheck test ci demo serve bench clean

install: $(BIN)/.installed

$(BIN)/.installed: pyproject.toml requirements-codegen.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[local,dev]' -r requirements-codegen.txt
	touch $@

# The contract compiles into the low-level client; the async layer compiles into the sync one.
generate: install
	rm -rf .generate-tmp && mkdir -p .generate-tmp
	cd .generate-tmp && openapi-python-client generate --path ../openapi.yaml \
		--config ../generator-config.yaml --custom-template-path ../generator-templates \
		--meta none --output-path agents21_api --overwrite
	touch .generate-tmp/agents21_api/py.typed
	rm -rf $(GENERATED) && mkdir -p generated && mv .generate-tmp/agents21_api $(GENERATED)
	rm -rf .generate-tmp
	$(BIN)/python tools/unasync_sdk.py

check-generated: generate
	@git add -N generated sdk/agents21/_sync >/dev/null 2>&1 || true
	@if ! git diff --quiet --exit-code -- generated sdk/agents21/_sync; then \
		echo "Generated code is stale: run 'make generate' and commit the result."; \
		git --no-pager diff --stat -- generated sdk/agents21/_sync; exit 1; \
	fi
	@echo "Generated code is up to date."

lint: install
	ruff check --no-cache sdk tests bench examples tools
	ruff format --check --no-cache sdk tests bench examples tools

typecheck: install
	mypy
	mypy --strict tests/typed_usage.py examples/web_chat/app.py tests/web/frameworks.py

test: install
	pytest -q

ci: lint typecheck check-generated test

demo: install
	$(BIN)/python -m agents21 demo

serve: install
	$(BIN)/python -m agents21 serve

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .generate-tmp .pytest_cache .mypy_cache .ruff_cache
