# Tally's two commands for a fresh Debian machine: `make demo` and `make test`.
# Both install what is missing first (scripts/install-deps), so they work on a new machine and in CI.

SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
SWIFT ?= swift
DICTIONARY := Data/gs1/gs1-syntax-dictionary.txt
AI_TABLE := Sources/TallyCore/GS1/GS1AITable.swift

.PHONY: demo demo-stop test deps build lint format check-gs1-table gs1-table openapi bench bench-station bench-decode

## demo: build tally-central, tallyd and tallyctl; start central with a demo catalog on SQLite and a station
## enrolled at it; sell with tallyctl
demo: deps
	$(SWIFT) build --product tally-central
	$(SWIFT) build --product tallyd
	$(SWIFT) build --product tallyctl
	scripts/demo

## demo-stop: stop the tallyd and tally-central that `make demo` started
demo-stop:
	scripts/demo-stop

## test: format check, generated-table check, every test, and a build of the benchmarks so they cannot rot
test: deps lint check-gs1-table
	$(SWIFT) build --build-tests
	SWIFT="$(SWIFT)" scripts/run-tests
	cd Benchmarks && $(SWIFT) build

deps:
	scripts/install-deps

build: deps
	$(SWIFT) build

## lint: fail when a Swift file is not formatted as .swift-format says (the generated AI table opts out)
lint:
	$(SWIFT) format lint --strict --recursive --parallel Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Benchmarks

## format: rewrite Swift files in place as .swift-format says
format:
	$(SWIFT) format format --in-place --recursive --parallel Package.swift Sources Tests Benchmarks/Package.swift \
		Benchmarks/Benchmarks

## openapi: copy docs/openapi.yaml into the Swift source central serves it from
openapi:
	scripts/openapi-swift

## gs1-table: regenerate the AI table from GS1's syntax dictionary
gs1-table:
	$(SWIFT) build --product gs1-table-generator
	"$$($(SWIFT) build --show-bin-path)/gs1-table-generator" $(DICTIONARY) > $(AI_TABLE)

## check-gs1-table: fail when the checked-in AI table differs from what the dictionary gives
check-gs1-table:
	$(SWIFT) build --product gs1-table-generator
	"$$($(SWIFT) build --show-bin-path)/gs1-table-generator" $(DICTIONARY) | diff -u $(AI_TABLE) - \
		|| { echo "$(AI_TABLE) is out of date: run 'make gs1-table'"; exit 1; }

## bench: run the benchmarks in Benchmarks/ (a separate package, so they never slow the main build)
bench: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark --format markdown

## bench-station: the station store's benchmarks, then tallyd's start-up time and memory with 1,000,000 products
bench-station: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark --target StationStore
	Benchmarks/scripts/tallyd-startup

## bench-decode: images read and images/s on the barcode fixtures, against zbarimg in the same run (markdown table)
bench-decode: deps
	cd Benchmarks && $(SWIFT) run -c release DecodeRate
