#!/usr/bin/env bash
# Runs every benchmark in Release, each beside its baseline, and prints the ratio table.
# Usage: bench/run.sh [BenchmarkDotNet filter, default '*']
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/MfaEmulator.Benchmarks -- --filter "${1:-*}" --exporters github
echo "Reports: BenchmarkDotNet.Artifacts/results/*-report-github.md"
